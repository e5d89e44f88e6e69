import type { PersonActor } from '../../domain/access/actor.ts';
import { t } from '../../templates.ts';
import { resolve } from '../../domain/doubts/doubt-lifecycle.ts';
import { actOnDoubt, allowed } from './act-on-doubt.ts';
import type { NameOf } from '../cases/case-text.ts';
import { refreshDoubtCards, sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { doubtPrefix, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import { appliedBy, sourceOf, type CaseChange } from '../cases/ports.ts';

function decideResolve(actor: PersonActor, eventId: number | undefined) {
  return (doubt: DoubtRecord, nameOf: NameOf, now: Date): CaseChange<DoubtPatch, void> => {
    if (appliedBy(doubt, eventId)) return { result: undefined }; // this very press resolved it before a crash
    const { change } = allowed(doubt, resolve(doubt, actor.actorId, now), nameOf);
    return {
      patch: change,
      effects: {
        events: [{ action: 'resolved', actorId: actor.actorId }],
        audit: { action: 'doubt.resolve', actorId: actor.actorId, channel: actor.channel, before: { state: doubt.state }, after: { state: 'resolved' } },
        cancelPrefixes: [doubtPrefix(doubt.id)],
        ...sourceOf(eventId),
      },
      result: undefined,
    };
  };
}

/** 解決: every pending step of the doubt is cancelled, the cards lose their buttons, the worker is told. */
export async function resolveDoubt(deps: DoubtDeps, actor: PersonActor, doubtId: number, eventId?: number): Promise<string> {
  const { doubt, nameOf } = await actOnDoubt(deps, actor, doubtId, decideResolve(actor, eventId));
  deps.logger.info('doubt resolved', { doubtId });
  await refreshDoubtCards(deps, doubt);
  await sendDoubtNotice(deps, doubt, [doubt.raisedById], 'resolved', t('escalation.doubt.resolvedToWorker', { id: doubt.id, name: nameOf(actor.actorId) }));
  return t('escalation.doubt.done.resolved', { id: doubt.id });
}
