import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { uniq } from '../cases/case-delivery.ts';
import { nameLookup, type NameOf } from '../cases/case-text.ts';
import type { DoubtDeps } from './doubt-delivery.ts';
import type { DoubtRefusal, DoubtTransition } from '../../domain/doubts/doubt-lifecycle.ts';
import { DOUBT_REMIND, doubtRemindKey, type DoubtChange, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import type { CaseChange } from '../cases/ports.ts';
import type { TimerSpec } from '../timers/ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';

/**
 * Who may act on a doubt: the supervisors of the day it was raised and of today, everyone in its chain, and the
 * bureau contact. Never the worker who raised it.
 */
export async function doubtAuthorities(deps: DoubtDeps, doubt: DoubtRecord): Promise<Set<string>> {
  const today = tokyoDate(deps.clock.now());
  const raisedOn = tokyoDate(doubt.raisedAt);
  const [ofDay, ofToday] = await Promise.all([
    deps.directory.supervisorsOn(raisedOn),
    raisedOn === today ? Promise.resolve([]) : deps.directory.supervisorsOn(today),
  ]);
  const chain = doubt.chain.steps.flatMap((s) => s.recipients);
  const allowed = uniq([...ofDay, ...ofToday, ...chain, doubt.chain.bureauContactId, doubt.bureauContactId]);
  return new Set(allowed.filter((id) => id !== doubt.raisedById));
}

export interface DoubtAction<T> {
  doubt: DoubtRecord;
  result: T;
  nameOf: NameOf;
}

/**
 * Runs one action of a person on a doubt: refuses strangers with a Japanese message, then decides on the doubt as
 * read inside the write funnel (a decision that throws writes nothing).
 */
export async function actOnDoubt<T>(
  deps: DoubtDeps,
  actor: PersonActor,
  doubtId: number,
  decide: (doubt: DoubtRecord, nameOf: NameOf, now: Date) => CaseChange<DoubtPatch, T>,
): Promise<DoubtAction<T>> {
  const current = await deps.doubts.get(doubtId);
  if (!current) throw new AppError(ErrorCode.NotFound, t('escalation.doubt.notFound', { id: doubtId }));
  if (!(await doubtAuthorities(deps, current)).has(actor.actorId)) {
    deps.logger.warn('doubt action refused', { doubtId, actorId: actor.actorId });
    throw new AppError(ErrorCode.Forbidden, t('escalation.doubt.refused', { id: doubtId }));
  }
  const nameOf = nameLookup(await deps.directory.people());
  const now = deps.clock.now();
  const out = await deps.doubts.change(doubtId, now, (doubt) => decide(doubt, nameOf, now));
  if (!out) throw new AppError(ErrorCode.NotFound, t('escalation.doubt.notFound', { id: doubtId }));
  return { doubt: out.record, result: out.result, nameOf };
}

/** A transition refused by the doubt's lifecycle, worded for the person who tried it. */
function refusalError(doubt: DoubtRecord, refusal: DoubtRefusal, nameOf: NameOf): AppError {
  const id = doubt.id;
  switch (refusal.reason) {
    case 'resolved':
      return new AppError(ErrorCode.Conflict, t('escalation.doubt.alreadyClosed', { id }));
    case 'alreadyAcknowledged':
      return new AppError(ErrorCode.Conflict, t('escalation.doubt.alreadyAcknowledged', { id, name: nameOf(refusal.by) }));
    case 'alreadyWithBureau':
      return new AppError(ErrorCode.Conflict, t('escalation.doubt.alreadyWithBureau', { id }));
    case 'alreadyAnswered':
      return new AppError(ErrorCode.Conflict, t('escalation.doubt.alreadyAnswered', { id }));
    case 'noBureauContact':
      return new AppError(ErrorCode.InvalidInput, t('escalation.doubt.noBureauContact', { id }));
  }
}

/** The change and result of an allowed transition; a refused one throws, worded for the user. */
export function allowed<R>(doubt: DoubtRecord, transition: DoubtTransition<R>, nameOf: NameOf): { change: DoubtChange; result: R } {
  if (!transition.ok) throw refusalError(doubt, transition.refusal, nameOf);
  return transition;
}

export const DEFAULT_DOUBT_REMIND_MINUTES = 30;

/** The first reminder of a doubt someone holds (acknowledged, or with the bureau) but nobody answered yet. */
export function firstReminder(deps: DoubtDeps, doubt: DoubtRecord, phase: 'ack' | 'bureau', now: Date): TimerSpec {
  const minutes = deps.doubtRemindMinutes ?? DEFAULT_DOUBT_REMIND_MINUTES;
  return timerSpec(DOUBT_REMIND, new Date(now.getTime() + minutes * 60_000), { doubtId: doubt.id, phase, round: 1 }, doubtRemindKey(doubt.id, `${phase}:1`));
}
