import { t } from '../../templates.ts';
import type { TimerSpec } from '../timers/ports.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { complaintCard } from './complaint-card.ts';
import { cardContext, refreshCards, sendCard, sendNotice, uniq, watchersOf } from './complaint-delivery.ts';
import { COMPLAINT_TIMERS, nextCycleRound, nightAt, noticeKey, pageTimer, supervisorsFor } from './complaint-record.ts';
import type { ComplaintChange, ComplaintDeps, ComplaintRecord } from './ports.ts';
import { runPageStep } from './run-paging.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

const MINUTE = 60_000;

/** Nobody acknowledged a business-hours complaint in time: tell them again (or page, once business hours are over). */
export function renotifyTimer(deps: Pick<ComplaintDeps, 'policy'>, id: number, n: number, from: Date): TimerSpec {
  return timerSpec(COMPLAINT_TIMERS.renotify, new Date(from.getTime() + deps.policy.ackTimeoutMinutes * MINUTE), { complaintId: id, n }, `complaint:${id}:renotify:${n}`);
}

/**
 * Business hours (timer 'complaint.notify'): the card goes to the worker of the linked 開栓 order and to the
 * supervisors, and to the bureau channel. Reaching nobody is logged as an error and told to the channel; the
 * renotify timer tries again.
 */
export async function notifyComplaint(deps: ComplaintDeps, complaintId: number): Promise<void> {
  const c = await deps.complaints.get(complaintId);
  if (!c || c.state !== 'open') return;
  const to = uniq([c.order?.workerId, ...(await supervisorsFor(deps, c.receivedAt))]);
  const shown = { ...c, recipients: uniq([...c.recipients, ...to]) };
  const ctx = await cardContext(deps, c);
  let reached = 0;
  for (const personId of to) {
    if ((await sendCard(deps, c, personId, { kind: 'person', personId }, ctx, shown)) === undefined) reached += 1;
  }
  await deps.gateway.send({ channel: 'bureau' }, complaintCard(shown, { kind: 'channel' }, ctx));
  if (reached > 0) return deps.logger.info('complaint notified', { complaintId, reached });
  deps.logger.error('complaint reached nobody in business hours; retrying later', { complaintId, tried: to.length });
  await sendNotice(deps, c, [], noticeKey(c.id, 'nobodyNotified'), t('complaint.notice.nobodyNotified', { id: c.id, minutes: deps.policy.ackTimeoutMinutes }));
}

type Renotify = { type: 'stopped' } | { type: 'renotify' } | { type: 'paging'; first: TimerSpec };

export function decideRenotify(c: ComplaintRecord, deps: Pick<ComplaintDeps, 'calendar' | 'policy'>, n: number, now: Date): ComplaintChange<Renotify> {
  if (c.state !== 'open') return { result: { type: 'stopped' } };
  if (deps.calendar.isBusinessTime(now)) {
    return { effects: { events: [{ action: 'renotified', actorId: null, detail: { n } }], schedule: [renotifyTimer(deps, c.id, n + 1, now)] }, result: { type: 'renotify' } };
  }
  const first = pageTimer(c.id, nextCycleRound(c), -1, now);
  const pagingNight = nightAt(deps, now);
  return {
    patch: { state: 'paging', pagingNight },
    effects: {
      events: [{ action: 'pagingStarted', actorId: null, detail: { reason: 'businessHoursOver', night: pagingNight } }],
      audit: { action: 'complaint.pagingStart', actorId: null, channel: 'system', before: { state: c.state }, after: { state: 'paging', pagingNight } },
      schedule: [first],
    },
    result: { type: 'paging', first },
  };
}

/** Timer 'complaint.renotify' (payload {complaintId, n}). */
export function createRenotify(deps: ComplaintDeps): TimerHandler {
  return async (timer, now) => {
    const { complaintId: id, n } = readPayload(COMPLAINT_TIMERS.renotify, timer.payload);
    const out = await deps.complaints.change(id, now, (c) => decideRenotify(c, deps, n, now));
    if (!out || out.result.type === 'stopped') return;
    const c = out.record;
    if (out.result.type === 'renotify') {
      await refreshCards(deps, c);
      const text = t('complaint.notice.notAcknowledged', { id, minutes: deps.policy.ackTimeoutMinutes * n });
      return sendNotice(deps, c, await watchersOf(deps, c), noticeKey(id, `renotify:${n}`), text);
    }
    deps.logger.warn('complaint not acknowledged by the end of business hours; paging the after-hours roster', { complaintId: id });
    await sendNotice(deps, c, await watchersOf(deps, c), noticeKey(id, 'pagingAfterHours'), t('complaint.notice.pagingAfterHours', { id }));
    await runPageStep(deps, id, { round: readPayload(COMPLAINT_TIMERS.page, out.result.first.payload).round, position: -1 }, now);
    await deps.timers.completeByKey(out.result.first.dedupeKey!);
  };
}
