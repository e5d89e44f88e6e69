import { acknowledgeComplaint as acknowledge, type ComplaintRefusal } from '../../domain/complaints/complaint-lifecycle.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { TimerSpec } from '../timers/ports.ts';
import { runNow } from './complaint-delivery.ts';
import {
  COMPLAINT_TIMERS,
  appliedBy,
  complaintPrefix,
  nameLookup,
  refreshTimer,
  requireActor,
  sourceOf,
  type NameOf,
} from './complaint-record.ts';
import { runRefresh } from './refresh-complaint.ts';
import type { ComplaintChange, ComplaintDeps, ComplaintPolicy, ComplaintRecord } from './ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';

const MINUTE = 60_000;



/** Acknowledged but not resolved in time: the holder is reminded (then, after another wait, the roster is paged again). */
export function remindTimer(policy: ComplaintPolicy, id: number, ackAt: Date): TimerSpec {
  return timerSpec(COMPLAINT_TIMERS.remind, new Date(ackAt.getTime() + policy.resolveTimeoutMinutes * MINUTE), { complaintId: id, ackAt: ackAt.getTime() }, `complaint:${id}:remind:${ackAt.getTime()}`);
}

/** A transition refused by the complaint's lifecycle, worded for the person who tried it. */
export function refusalError(c: ComplaintRecord, refusal: ComplaintRefusal, nameOf: NameOf): AppError {
  if (refusal.reason === 'taken') return new AppError(ErrorCode.Conflict, t('complaint.alreadyTaken', { id: c.id, name: nameOf(refusal.by) }));
  return new AppError(ErrorCode.Conflict, t('complaint.alreadyResolved', { id: c.id }));
}

type Acked = { refresh: TimerSpec | null; replayed?: boolean };

function decideAck(policy: ComplaintPolicy, actor: PersonActor, nameOf: NameOf, now: Date, eventId: number | undefined) {
  return (c: ComplaintRecord): ComplaintChange<Acked> => {
    // This very press took it before a crash: nothing is written again (a refresh it left pending is the timer's).
    if (appliedBy(c, eventId)) return { result: { refresh: null, replayed: true } };
    const step = acknowledge(c, actor.actorId, now);
    if (!step.ok) throw refusalError(c, step.refusal, nameOf);
    if ('unchanged' in step) return { result: { refresh: null } };
    const refresh = refreshTimer(c.id, 'acknowledged', now);
    return {
      patch: { ...step.change, pageOutcomes: step.pages },
      effects: {
        events: [{ action: 'acknowledged', actorId: actor.actorId, detail: { from: c.state, pagesCancelled: step.pages.filter((p) => p.outcome === 'cancelled').length } }],
        audit: { action: 'complaint.acknowledge', actorId: actor.actorId, channel: actor.channel, before: { state: c.state, holderId: c.holderId }, after: { state: 'acknowledged', holderId: actor.actorId } },
        // Every pending step of the complaint goes (paging, renotify, an older reminder), then the new ones are set.
        cancelPrefixes: [complaintPrefix(c.id)],
        schedule: [remindTimer(policy, c.id, now), refresh],
        ...sourceOf(eventId),
      },
      result: { refresh },
    };
  };
}

/**
 * 対応します: paging stops at once for everyone (pending timers cancelled in the same transaction; a step already
 * claimed finds the complaint acknowledged and sends nothing), every card shows who has it, and the supervisors and
 * the bureau channel are told. The replay of the press (`eventId`) changes nothing and answers as the first time.
 */
export async function acknowledgeComplaint(
  deps: ComplaintDeps,
  actor: PersonActor,
  complaintId: number,
  eventId?: number,
): Promise<{ complaint: ComplaintRecord; message: string }> {
  const c = await deps.complaints.get(complaintId);
  if (!c) throw new AppError(ErrorCode.NotFound, t('complaint.notFound', { id: complaintId }));
  const nameOf = nameLookup(await requireActor(deps, c, actor.actorId));
  const now = deps.clock.now();
  const out = await deps.complaints.change(complaintId, now, decideAck(deps.policy, actor, nameOf, now, eventId));
  if (!out) throw new AppError(ErrorCode.NotFound, t('complaint.notFound', { id: complaintId }));
  const { refresh, replayed } = out.result;
  if (replayed) return { complaint: out.record, message: t('complaint.done.acknowledged', { id: complaintId }) };
  if (!refresh) return { complaint: out.record, message: t('complaint.done.alreadyYours', { id: complaintId }) };
  deps.logger.info('complaint acknowledged', { complaintId, by: actor.actorId });
  await runNow(deps, refresh, () => runRefresh(deps, complaintId, 'acknowledged'));
  return { complaint: out.record, message: t('complaint.done.acknowledged', { id: complaintId }) };
}
