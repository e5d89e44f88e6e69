import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { actOnDoubt, firstReminder, refuseIfResolved } from './act-on-doubt.ts';
import { deliverCase } from './case-delivery.ts';
import { doubtCard } from './doubt-card.ts';
import { doubtCardContext, doubtViewers, refreshDoubtCards, sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { doubtLevelPrefix, doubtRemindPrefix, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import { appliedBy, sourceOf, type CaseActor, type CaseChange } from './ports.ts';

function decideReferral(deps: DoubtDeps, actor: CaseActor, eventId: number | undefined) {
  return (doubt: DoubtRecord, _nameOf: unknown, now: Date): CaseChange<DoubtPatch, string> => {
    // This very press took it to the bureau before a crash: the same contact, nothing written again.
    if (appliedBy(doubt, eventId) && doubt.bureauContactId) return { result: doubt.bureauContactId };
    refuseIfResolved(doubt);
    if (doubt.state === 'with_bureau') throw new AppError(ErrorCode.Conflict, t('escalation.doubt.alreadyWithBureau', { id: doubt.id }));
    if (doubt.state === 'answered') throw new AppError(ErrorCode.Conflict, t('escalation.doubt.alreadyAnswered', { id: doubt.id }));
    const contact = doubt.chain.bureauContactId;
    if (!contact) throw new AppError(ErrorCode.InvalidInput, t('escalation.doubt.noBureauContact', { id: doubt.id }));
    return {
      patch: { state: 'with_bureau', bureauContactId: contact, acknowledgedAt: doubt.acknowledgedAt ?? now, holderId: doubt.holderId ?? actor.personId },
      effects: {
        events: [{ action: 'referredToBureau', actorId: actor.personId, detail: { to: contact } }],
        audit: { action: 'doubt.referToBureau', actorId: actor.personId, channel: actor.channel, before: { state: doubt.state }, after: { state: 'with_bureau', bureauContactId: contact } },
        cancelPrefixes: [doubtLevelPrefix(doubt.id), doubtRemindPrefix(doubt.id)],
        schedule: [firstReminder(deps, doubt, 'bureau', now)],
        ...sourceOf(eventId),
      },
      result: contact,
    };
  };
}

/**
 * 局へ相談 (spec 13(3)): the bureau contact gets the card with the same actions; their answer flows back to the
 * supervisor and the worker (answerDoubt).
 */
export async function referDoubtToBureau(deps: DoubtDeps, actor: CaseActor, doubtId: number, eventId?: number): Promise<string> {
  const { doubt, result: contact, nameOf } = await actOnDoubt(deps, actor, doubtId, decideReferral(deps, actor, eventId));
  deps.logger.info('doubt taken to the bureau', { doubtId });
  const ctx = await doubtCardContext(deps, doubt);
  const reached = await deliverCase(deps, 'doubt', doubt.id, [{ personId: contact, view: doubtCard(doubt, contact, ctx) }]);
  if (reached.length > 0) {
    await deps.log.append('doubt', doubt.id, deps.clock.now(), [{ action: 'notified', actorId: null, detail: { bureau: true, recipients: reached } }]);
  }
  await refreshDoubtCards(deps, doubt, doubtViewers(doubt).filter((id) => id !== contact));
  await sendDoubtNotice(deps, doubt, [doubt.raisedById], 'bureau', t('escalation.doubt.bureauToWorker', { id: doubt.id, name: nameOf(contact) }));
  return t('escalation.doubt.done.bureau', { id: doubt.id, name: nameOf(contact) });
}
