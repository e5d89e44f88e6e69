import { defectFound } from '../../domain/results/result-field-checks.ts';
import { t, templateText } from '../../templates.ts';
import { reached as reachedBy } from '../chat/delivery.ts';
import type { MessageView } from '../chat/view.ts';
import { kindText } from '../dispatch/day-views.ts';
import type { RecordedResult, ResultOrderInfo, ResultsDeps } from './ports.ts';
import { freeTextFor, maskAnyPersonal, type ShowText } from './result-free-text.ts';
import { whenText } from './result-lines.ts';

const flag = (key: string, params: Record<string, string | number> = {}) => templateText(`resultFlow.flag.${key}`, params);

function meterOf(result: RecordedResult): string {
  return [result.meterNumber, result.meterDiameterMm ? `φ${result.meterDiameterMm}` : null].filter(Boolean).join(' ') || t('resultFlow.unknown');
}

const yesNo = (answer: boolean | null | undefined) => flag(answer === true ? 'yes' : answer === false ? 'no' : 'unanswered');

function readingFlags(order: ResultOrderInfo, r: RecordedResult, show: ShowText): string[] {
  const out: string[] = [];
  const readings = { previous: order.previousReading ?? '-', reading: r.reading ?? '-' };
  // 開栓: any difference, with the worker's statement (その旨); it says what "lower" would.
  if (r.readingDiffersFromPrevious) {
    out.push(flag('readingDiffers', { ...readings, statement: r.readingDifferenceNote ? show(r.readingDifferenceNote) : t('resultFlow.unknown') }));
  } else if (r.readingLowerThanPrevious) out.push(flag('lower', readings));
  if (r.usageFarAbovePrevious && r.reading !== null && r.reading !== undefined && order.previousReading !== null) {
    out.push(flag('highUsage', { usage: r.reading - order.previousReading, previousUsage: order.previousUsage ?? '-' }));
  }
  if (r.meterWorkDone === 'replace' && r.readingLowerThanPrevious) out.push(flag('replaced', { meter: meterOf(r), recorded: order.meterNumber ?? '-' }));
  else if (r.meterDiffersFromRecord) out.push(flag('meterDiffers', { meter: meterOf(r), recorded: order.meterNumber ?? '-' }));
  return out;
}

/** Spec 15(3)ウ(ｴ)a, c: a defect or mismatch and whether the user was told; improper use and whether filing was urged. */
function findingFlags(r: RecordedResult): string[] {
  const out: string[] = [];
  if (defectFound(r)) out.push(flag('defectUserTold', { answer: yesNo(r.customerToldOfDefect) }));
  if (r.equipmentDefect) out.unshift(flag('equipmentDefect'));
  if (r.improperUse) out.push(flag('improperUse'), flag('filingNotified', { answer: yesNo(r.improperUseNotified) }));
  return out;
}

/**
 * What a supervisor must know of a result (spec 15(3)ウ(ｱ)a, (ｲ)b, (ｴ)a–c, 2(3)): an 開栓 reading other than the
 * previous one with the worker's statement, a lower reading and the meter found, a usage far above the previous one,
 * a meter different from the record (検満), a defect or mismatch and whether the user was told, a pilot still
 * turning, a suspected leak, improper use and whether filing was urged, a result recorded after hours without the
 * bureau's consent. The only free text is the statement, masked as a direct message to someone else may show it.
 */
export function flagLines(order: ResultOrderInfo, r: RecordedResult, show: ShowText = maskAnyPersonal): string[] {
  const out = readingFlags(order, r, show);
  if (r.pilotStillTurning) out.push(flag('pilotTurning'));
  if (r.outdoorTap === 'dry' && order.kind === 'open') out.push(flag('tapDry'));
  if (r.leakSuspected) out.push(flag('leak'));
  out.push(...findingFlags(r));
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
export async function sendFlags(
  deps: Pick<ResultsDeps, 'directory' | 'gateway' | 'logger' | 'results' | 'privacy'>,
  order: ResultOrderInfo,
  r: RecordedResult,
  date: string,
): Promise<string[]> {
  const lines = flagLines(order, r, r.readingDifferenceNote ? await freeTextFor(deps, order.orderNo, 'otherDirect') : maskAnyPersonal);
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
