import type { PersonActor } from '../../domain/access/actor.ts';
import { t } from '../../templates.ts';
import { referToBureau } from '../../domain/doubts/doubt-lifecycle.ts';
import { actOnDoubt, allowed, firstReminder } from './act-on-doubt.ts';
import type { NameOf } from '../cases/case-text.ts';
import { deliverCase } from '../cases/case-delivery.ts';
import { doubtCard } from './doubt-card.ts';
import { doubtCardContext, doubtViewers, refreshDoubtCards, sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { doubtLevelPrefix, doubtRemindPrefix, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import { appliedBy, sourceOf, type CaseChange } from '../cases/ports.ts';

function decideReferral(deps: DoubtDeps, actor: PersonActor, eventId: number | undefined) {
  return (doubt: DoubtRecord, nameOf: NameOf, now: Date): CaseChange<DoubtPatch, string> => {
    // This very press took it to the bureau before a crash: the same contact, nothing written again.
    if (appliedBy(doubt, eventId) && doubt.bureauContactId) return { result: doubt.bureauContactId };
    const { change, result: contact } = allowed(doubt, referToBureau(doubt, actor.actorId, now), nameOf);
    return {
      patch: change,
      effects: {
        events: [{ action: 'referredToBureau', actorId: actor.actorId, detail: { to: contact } }],
        audit: { action: 'doubt.referToBureau', actorId: actor.actorId, channel: actor.channel, before: { state: doubt.state }, after: { state: 'with_bureau', bureauContactId: contact } },
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
export async function referDoubtToBureau(deps: DoubtDeps, actor: PersonActor, doubtId: number, eventId?: number): Promise<string> {
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
