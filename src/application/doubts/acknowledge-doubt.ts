import type { PersonActor } from '../../domain/access/actor.ts';
import { t } from '../../templates.ts';
import { acknowledge } from '../../domain/doubts/doubt-lifecycle.ts';
import { actOnDoubt, allowed, firstReminder } from './act-on-doubt.ts';
import type { NameOf } from '../cases/case-text.ts';
import { refreshDoubtCards, sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { doubtLevelPrefix, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import { appliedBy, sourceOf, type CaseChange } from '../cases/ports.ts';

type Acked = 'supervisor' | 'bureau';

function decideAck(deps: DoubtDeps, actor: PersonActor, eventId: number | undefined) {
  return (doubt: DoubtRecord, nameOf: NameOf, now: Date): CaseChange<DoubtPatch, Acked> => {
    // This very press acknowledged it before a crash: nothing is written again, the same answer goes out.
    if (appliedBy(doubt, eventId)) return { result: doubt.state === 'with_bureau' && actor.actorId === doubt.bureauContactId ? 'bureau' : 'supervisor' };
    const { change, result } = allowed(doubt, acknowledge(doubt, actor.actorId, now), nameOf);
    const audit = { action: 'doubt.acknowledge', actorId: actor.actorId, channel: actor.channel, before: { state: doubt.state } };
    if (result === 'bureau') {
      return {
        patch: change,
        effects: { events: [{ action: 'bureauAcknowledged', actorId: actor.actorId }], audit: { ...audit, after: change }, ...sourceOf(eventId) },
        result,
      };
    }
    return {
      patch: change,
      effects: {
        events: [{ action: 'acknowledged', actorId: actor.actorId, detail: { level: doubt.currentLevel } }],
        audit: { ...audit, after: { state: 'acknowledged', holderId: actor.actorId } },
        cancelPrefixes: [doubtLevelPrefix(doubt.id)],
        schedule: [firstReminder(deps, doubt, 'ack', now)],
        ...sourceOf(eventId),
      },
      result: 'supervisor',
    };
  };
}

/**
 * 受領: the escalation stops (its pending timers are cancelled in the same transaction; a step already claimed
 * finds the doubt acknowledged and sends nothing), every card shows who has it, the worker is told. The replay of
 * the press (`eventId`) changes nothing and answers as the first time.
 */
export async function acknowledgeDoubt(deps: DoubtDeps, actor: PersonActor, doubtId: number, eventId?: number): Promise<string> {
  const { doubt, nameOf } = await actOnDoubt(deps, actor, doubtId, decideAck(deps, actor, eventId));
  deps.logger.info('doubt acknowledged', { doubtId, actorId: actor.actorId });
  await refreshDoubtCards(deps, doubt);
  const text = t('escalation.doubt.acknowledgedToWorker', { id: doubt.id, name: nameOf(actor.actorId) });
  await sendDoubtNotice(deps, doubt, [doubt.raisedById], `acknowledged:${actor.actorId}`, text);
  return t('escalation.doubt.done.acknowledged', { id: doubt.id });
}
