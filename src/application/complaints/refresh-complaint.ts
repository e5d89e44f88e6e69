import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { t } from '../../templates.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { refreshCards, sendNotice } from './complaint-delivery.ts';
import { COMPLAINT_TIMERS, nameLookup, noticeKey, peopleOf, supervisorsFor } from './complaint-record.ts';
import type { ComplaintDeps, ComplaintRecord } from './ports.ts';
import { readPayload } from '../timers/timer-kinds.ts';

export type Notice = 'acknowledged' | 'resolved' | null;

function noticeOf(c: ComplaintRecord, notice: Notice, name: (id: string | null) => string): { key: string; text: string } | undefined {
  if (notice === 'acknowledged' && c.acknowledgedAt && c.holderId) {
    const text = t('complaint.notice.acknowledged', { id: c.id, name: name(c.holderId), time: tokyoDateTime(c.acknowledgedAt) });
    return { key: noticeKey(c.id, `ack:${c.acknowledgedAt.getTime()}`), text };
  }
  if (notice === 'resolved' && c.resolvedAt) {
    const text = t('complaint.notice.resolved', { id: c.id, name: name(c.resolvedById), time: tokyoDateTime(c.resolvedAt), findings: c.findings ?? '', action: c.actionTaken ?? '' });
    return { key: noticeKey(c.id, 'resolved'), text };
  }
  return undefined;
}

/**
 * Every message of the complaint re-rendered in place (the watchers' cards, the bureau channel's, every page),
 * then the notice of the change to the supervisors and the bureau channel: who has it, or how it was resolved.
 */
export async function runRefresh(deps: ComplaintDeps, complaintId: number, notice: Notice): Promise<void> {
  const c = await deps.complaints.get(complaintId);
  if (!c) return deps.logger.warn('complaint to refresh not found', { complaintId });
  await refreshCards(deps, c, { pages: 'all' });
  const n = noticeOf(c, notice, nameLookup(await peopleOf(deps)));
  if (n) await sendNotice(deps, c, await supervisorsFor(deps, c.receivedAt), n.key, n.text);
}

/** Timer 'complaint.refresh' (payload {complaintId, notice}): the cards after a change made by the CLI or a crashed run. */
export function createRefresh(deps: ComplaintDeps): TimerHandler {
  return async (timer) => {
    const { complaintId, notice } = readPayload(COMPLAINT_TIMERS.refresh, timer.payload);
    await runRefresh(deps, complaintId, notice);
  };
}
