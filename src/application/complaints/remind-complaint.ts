import { t } from '../../templates.ts';
import type { TimerSpec } from '../timers/ports.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { refreshCards, sendNotice, watchersOf } from './complaint-delivery.ts';
import { COMPLAINT_TIMERS, nameLookup, nextCycleRound, nightAt, noticeKey, pageTimer, peopleOf } from './complaint-record.ts';
import type { ComplaintChange, ComplaintDeps, ComplaintRecord } from './ports.ts';
import { runPageStep } from './run-paging.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

const MINUTE = 60_000;

/** The same acknowledgement still stands, unresolved: the timer belongs to it (a later acknowledgement has its own). */
const stillHeld = (c: ComplaintRecord, ackAt: number) => c.state === 'acknowledged' && c.acknowledgedAt?.getTime() === ackAt;

function decideRemind(c: ComplaintRecord, ackAt: number, deps: ComplaintDeps, now: Date): ComplaintChange<boolean> {
  if (!stillHeld(c, ackAt)) return { result: false };
  const repage = timerSpec(COMPLAINT_TIMERS.repage, new Date(now.getTime() + deps.policy.repageAfterReminderMinutes * MINUTE), { complaintId: c.id, ackAt }, `complaint:${c.id}:repage:${ackAt}`);
  return { effects: { events: [{ action: 'reminded', actorId: null, detail: { holderId: c.holderId } }], schedule: [repage] }, result: true };
}

type Repage = { first: TimerSpec; previousHolderId: string | null } | null;

function decideRepage(c: ComplaintRecord, ackAt: number, deps: ComplaintDeps, now: Date): ComplaintChange<Repage> {
  if (!stillHeld(c, ackAt)) return { result: null };
  const first = pageTimer(c.id, nextCycleRound(c), -1, now);
  const pagingNight = nightAt(deps, now);
  return {
    patch: { state: 'paging', holderId: null, acknowledgedAt: null, pagingNight },
    effects: {
      events: [{ action: 'repaging', actorId: null, detail: { previousHolderId: c.holderId, night: pagingNight } }],
      audit: { action: 'complaint.repage', actorId: null, channel: 'system', before: { state: c.state, holderId: c.holderId }, after: { state: 'paging', pagingNight } },
      schedule: [first],
    },
    result: { first, previousHolderId: c.holderId },
  };
}

/** Timer 'complaint.remind' (payload {complaintId, ackAt}): the holder is asked for the resolution report. */
export function createReminder(deps: ComplaintDeps): TimerHandler {
  return async (timer, now) => {
    const { complaintId: id, ackAt } = readPayload(COMPLAINT_TIMERS.remind, timer.payload);
    const out = await deps.complaints.change(id, now, (c) => decideRemind(c, ackAt, deps, now));
    if (!out?.result) return;
    const text = t('complaint.notice.remind', { id, minutes: deps.policy.resolveTimeoutMinutes, repage: deps.policy.repageAfterReminderMinutes });
    deps.logger.info('complaint holder reminded', { complaintId: id });
    await sendNotice(deps, out.record, out.record.holderId ? [out.record.holderId] : [], noticeKey(id, `remind:${ackAt}`), text, false);
  };
}

/**
 * Timer 'complaint.repage' (payload {complaintId, ackAt}): still no resolution after the reminder, so the roster is
 * paged again from the top, in a new round; the previous holder may still acknowledge.
 */
export function createRepage(deps: ComplaintDeps): TimerHandler {
  return async (timer, now) => {
    const { complaintId: id, ackAt } = readPayload(COMPLAINT_TIMERS.repage, timer.payload);
    const out = await deps.complaints.change(id, now, (c) => decideRepage(c, ackAt, deps, now));
    if (!out?.result) return;
    const { first, previousHolderId } = out.result;
    deps.logger.warn('complaint acknowledged but not resolved; paging the roster again', { complaintId: id });
    const name = nameLookup(await peopleOf(deps))(previousHolderId);
    await sendNotice(deps, out.record, await watchersOf(deps, out.record), noticeKey(id, `repage:${ackAt}`), t('complaint.notice.repage', { id, name }));
    await runPageStep(deps, id, { round: readPayload(COMPLAINT_TIMERS.page, first.payload).round, position: -1 }, now);
    await deps.timers.completeByKey(first.dedupeKey!);
    // Every card once the first page of the new round is out: before it, nobody would be shown as being called.
    await refreshCards(deps, (await deps.complaints.get(id)) ?? out.record, { pages: 'all' });
  };
}
