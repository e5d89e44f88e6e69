import { t, templateText } from '../../templates.ts';
import { reached as reachedBy } from '../chat/delivery.ts';
import type { MessageView } from '../chat/view.ts';
import { kindText } from '../dispatch/day-views.ts';
import type { RecordedResult, ResultOrderInfo, ResultsDeps } from './ports.ts';
import { whenText } from './result-lines.ts';

const flag = (key: string, params: Record<string, string | number> = {}) => templateText(`resultFlow.flag.${key}`, params);

function meterOf(result: RecordedResult): string {
  return [result.meterNumber, result.meterDiameterMm ? `φ${result.meterDiameterMm}` : null].filter(Boolean).join(' ') || t('resultFlow.unknown');
}

function readingFlags(order: ResultOrderInfo, r: RecordedResult): string[] {
  const out: string[] = [];
  if (r.readingLowerThanPrevious) out.push(flag('lower', { previous: order.previousReading ?? '-', reading: r.reading ?? '-' }));
  if (r.usageFarAbovePrevious && r.reading !== null && r.reading !== undefined && order.previousReading !== null) {
    out.push(flag('highUsage', { usage: r.reading - order.previousReading, previousUsage: order.previousUsage ?? '-' }));
  }
  if (r.meterWorkDone === 'replace' && r.readingLowerThanPrevious) out.push(flag('replaced', { meter: meterOf(r), recorded: order.meterNumber ?? '-' }));
  else if (r.meterDiffersFromRecord) out.push(flag('meterDiffers', { meter: meterOf(r), recorded: order.meterNumber ?? '-' }));
  return out;
}

/**
 * What a supervisor must know of a result (spec 15(3)ウ(ｲ)b, (ｴ)b, 2(3)): a lower reading and the meter found, a
 * usage far above the previous one, a meter different from the record (検満), a pilot still turning, a suspected
 * leak or improper use, a result recorded after hours without the bureau's consent. Free text is left out: it may
 * name the customer.
 */
export function flagLines(order: ResultOrderInfo, r: RecordedResult): string[] {
  const out = readingFlags(order, r);
  if (r.pilotStillTurning) out.push(flag('pilotTurning'));
  if (r.outdoorTap === 'dry' && order.kind === 'open') out.push(flag('tapDry'));
  if (r.leakSuspected) out.push(flag('leak'));
  if (r.improperUse) out.push(flag('improperUse'));
  if (r.afterHours && r.afterHoursConsentId === null) out.push(flag('afterHoursNoConsent'));
  // Photos are not a flag of their own; with a flag they tell the supervisor there is something to look at.
  if (out.length > 0 && r.photoCount > 0) out.push(flag('photos', { count: r.photoCount }));
  return out;
}

/** The supervisor's card (town only, never the address or customer data); one per order, updated in place. */
export function flagCard(order: ResultOrderInfo, r: RecordedResult, lines: string[], workerName: string): MessageView {
  const header = flag('header', { orderNo: order.orderNo, kind: kindText(order), town: order.town });
  return {
    key: `flags:${order.orderNo}`,
    summary: header,
    blocks: [
      { type: 'header', text: header },
      { type: 'text', text: lines.map((l) => `・${l}`).join('\n') },
      { type: 'context', text: flag('footer', { name: workerName, when: whenText(r.recordedAt), outcome: t(`resultFlow.outcome.${r.outcome}`) }) },
    ],
  };
}

/** Sends the card to the day's supervisors when the result has anything to flag. Returns who was reached. */
export async function sendFlags(deps: Pick<ResultsDeps, 'directory' | 'gateway' | 'logger'>, order: ResultOrderInfo, r: RecordedResult, date: string): Promise<string[]> {
  const lines = flagLines(order, r);
  if (lines.length === 0) return [];
  const [supervisors, names] = await Promise.all([deps.directory.supervisorsOn(date), deps.directory.names()]);
  if (supervisors.length === 0) deps.logger.warn('result flags: no supervisor on the day', { orderNo: order.orderNo, date });
  const view = flagCard(order, r, lines, names.get(r.personId) ?? r.personId);
  const reached: string[] = [];
  for (const personId of supervisors) {
    const report = await deps.gateway.send({ personId }, view);
    if (reachedBy(report)) reached.push(personId);
    else deps.logger.warn('result flags not delivered', { orderNo: order.orderNo, to: personId });
  }
  return reached;
}
