import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { nameLookup } from '../cases/case-text.ts';
import { stateText } from './overtime-card.ts';
import type { OvertimeDeps } from './overtime-record.ts';

/**
 * The day's after-hours requests and decisions as lines for the daily report (spec 2(3): the decision appears in
 * it). Names are staff names; no customer data is involved.
 */
export async function overtimeReportLines(deps: Pick<OvertimeDeps, 'overtime' | 'directory'>, date: string): Promise<string[]> {
  const [requests, people] = await Promise.all([deps.overtime.ofDay(date), deps.directory.people()]);
  const nameOf = nameLookup(people);
  return requests.map((r) =>
    t('escalation.overtime.reportLine', {
      id: r.id,
      orders: r.orderNos.join('、'),
      until: r.until,
      reason: r.reason,
      requester: nameOf(r.requestedById),
      decision: r.decidedAt ? t('escalation.overtime.decided', { decision: stateText(r.state), name: nameOf(r.decidedById), time: tokyoHhmm(r.decidedAt) }) : stateText(r.state),
    }),
  );
}
