import type { PersonActor } from '../../domain/access/actor.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { answer } from '../../domain/doubts/doubt-lifecycle.ts';
import { actOnDoubt, allowed } from './act-on-doubt.ts';
import type { NameOf } from '../cases/case-text.ts';
import { doubtCardContext, refreshDoubtCards, sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { directAudience, showTextFor } from '../privacy/show-text.ts';
import { doubtLevelPrefix, doubtRemindPrefix, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import type { CaseChange } from '../cases/ports.ts';

type Answered = { byBureau: boolean; holderId: string | null };

function decideAnswer(actor: PersonActor, text: string, eventId: number | undefined) {
  return (doubt: DoubtRecord, nameOf: NameOf, now: Date): CaseChange<DoubtPatch, Answered> => {
    // This very event gave the answer before a crash: nothing is written again, the same notices go out again.
    if (eventId !== undefined && doubt.answerEventId === eventId) return { result: { byBureau: actor.actorId === doubt.bureauContactId, holderId: doubt.holderId } };
    const { change, result } = allowed(doubt, answer(doubt, actor.actorId, text, eventId ?? null, now), nameOf);
    const byBureau = result.byBureau;
    return {
      patch: change,
      effects: {
        events: [{ action: 'answered', actorId: actor.actorId, detail: { text, byBureau } }],
        audit: { action: 'doubt.answer', actorId: actor.actorId, channel: actor.channel, before: { state: doubt.state, answer: doubt.answer }, after: { state: 'answered', answer: text } },
        cancelPrefixes: [doubtLevelPrefix(doubt.id), doubtRemindPrefix(doubt.id)],
      },
      result: { byBureau, holderId: doubt.holderId },
    };
  };
}

/**
 * 指示して回答: the instruction reaches the worker (and, when the bureau answers, the supervisor who took it there);
 * the escalation and reminders stop; every card shows the answer. `eventId` is the inbound event of the answer: its
 * replay after a crash records nothing again and sends the same notices (same keys).
 */
export async function answerDoubt(deps: DoubtDeps, actor: PersonActor, doubtId: number, instruction: string, eventId?: number): Promise<string> {
  const text = instruction.trim();
  if (!text) throw new AppError(ErrorCode.InvalidInput, t('escalation.doubt.textRequired'));
  const { doubt, result, nameOf } = await actOnDoubt(deps, actor, doubtId, decideAnswer(actor, text, eventId));
  deps.logger.info('doubt answered', { doubtId, byBureau: result.byBureau });
  await refreshDoubtCards(deps, doubt);
  const key = `answer:${eventId === undefined ? deps.clock.now().getTime() : `event-${eventId}`}`;
  const name = nameOf(actor.actorId);
  const ctx = await doubtCardContext(deps, doubt);
  const shown = (viewerId: string) => showTextFor(ctx.customers ?? [], directAudience(viewerId, [actor.actorId, ctx.order?.assigneeId]), deps.privacy)(text);
  const answerToWorker = t('escalation.doubt.answerToWorker', { id: doubt.id, name, answer: shown(doubt.raisedById) });
  await sendDoubtNotice(deps, doubt, [doubt.raisedById], key, answerToWorker);
  if (result.byBureau) {
    const supervisors = [result.holderId, ...(doubt.chain.steps[0]?.recipients ?? [])].filter((id): id is string => !!id && id !== actor.actorId);
    // The bureau answered: the supervisors see it as others do (one text for all of them).
    const answer = showTextFor(ctx.customers ?? [], 'otherDirect', deps.privacy)(text);
    await sendDoubtNotice(deps, doubt, supervisors, `${key}:supervisor`, t('escalation.doubt.answerToSupervisor', { id: doubt.id, name, answer }));
  }
  return t('escalation.doubt.done.answered', { id: doubt.id });
}
