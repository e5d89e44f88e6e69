import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import type { ClaimedTimer } from '../timers/ports.ts';
import { uniq } from './case-delivery.ts';
import type { CaseDeps } from './ports.ts';

export const DEFAULT_STALL_THRESHOLD_MS = 2 * 60_000;

export interface StalledStep {
  timerId: number;
  kind: string;
  dueAt: Date;
  lateMinutes: number;
}

function describe(timer: ClaimedTimer): string {
  const p = timer.payload;
  if (timer.kind === 'doubt.escalate') return t('escalation.watchdog.doubt', { id: String(p.doubtId) });
  if (timer.kind === 'doubt.remind') return t('escalation.watchdog.doubtReminder', { id: String(p.doubtId) });
  if (timer.kind === 'incident.remind') return t('escalation.watchdog.incident', { id: String(p.incidentId) });
  if (timer.kind === 'overtime.remind') return t('escalation.watchdog.overtime', { id: String(p.requestId) });
  if (timer.kind === 'daily.remind') return t('escalation.watchdog.dailyReport', { date: String(p.date) });
  return t('escalation.watchdog.other', { kind: timer.kind });
}

/**
 * The watchdog: a pending step overdue by more than the threshold means no instance is moving the chains (stopped,
 * stuck, clock trouble). Each late step is said once per instance in the log (warn) and to today's supervisors (a
 * message keyed by the timer, so a second instance updates it instead of posting again).
 */
export function createStalledChainCheck(deps: CaseDeps & { thresholdMs?: number }) {
  const said = new Set<string>();
  return async function checkStalledChains(now: Date): Promise<StalledStep[]> {
    const threshold = deps.thresholdMs ?? DEFAULT_STALL_THRESHOLD_MS;
    const late = (await deps.timers.overdue(now, threshold)).filter((timer) => !said.has(`${timer.id}@${timer.dueAt.getTime()}`));
    if (late.length === 0) return [];
    const supervisors = uniq(await deps.directory.supervisorsOn(tokyoDate(now)));
    const stalled: StalledStep[] = [];
    for (const timer of late) {
      said.add(`${timer.id}@${timer.dueAt.getTime()}`);
      const lateMinutes = Math.floor((now.getTime() - timer.dueAt.getTime()) / 60_000);
      const message = timer.failed ? 'escalation step given up after repeated failures' : 'escalation step is late: no instance ran it';
      deps.logger.warn(message, { timerId: timer.id, kind: timer.kind, lateMinutes, supervisors: supervisors.length });
      const key = timer.failed ? 'escalation.watchdog.failed' : 'escalation.watchdog.stalled';
      const view = plainView(t(key, { what: describe(timer), minutes: lateMinutes }), `watchdog:${timer.id}`);
      for (const personId of supervisors) await deps.gateway.send({ personId }, view);
      stalled.push({ timerId: timer.id, kind: timer.kind, dueAt: timer.dueAt, lateMinutes });
    }
    return stalled;
  };
}
