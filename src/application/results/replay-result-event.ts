import { t } from '../../templates.ts';
import { repromptPending, type TextDeps, type TextSender } from './handle-result-text.ts';
import { announceResult } from './record-result.ts';
import { afterCorrection } from './record-correction.ts';

/**
 * An inbound event the results flow handled before a crash: its effects are committed (the question it asked, or
 * the result it recorded, names it as source), but the event was not marked done, so the inbox hands it over again.
 * Nothing is recorded or asked again: the person gets the same answer as the first time, through the same messages
 * in the same order (the outbox drops those delivered already), so a crash between the commit and the sends loses
 * no question. undefined when the event changed nothing in the results flow.
 */
export async function replayResultEvent(deps: TextDeps, sender: TextSender): Promise<string | undefined> {
  const eventId = sender.eventId;
  if (eventId === undefined) return undefined;
  const [mark, recorded] = await Promise.all([deps.pending.markOf(sender.personId, eventId), deps.results.bySourceEvent(eventId)]);
  if (recorded) {
    deps.logger.info('replayed event: result recorded before, announced again', { eventId, orderNo: recorded.orderNo });
    const order = await deps.results.byNo(recorded.orderNo);
    if (!order) return t('resultFlow.refuse.gone', { orderNo: recorded.orderNo });
    const done = await announceResult(deps, { order, personId: sender.personId, inChannel: sender.inChannel }, recorded);
    return [mark?.said, done.text].filter((part) => part).join('\n');
  }
  const corrected = await deps.corrections.bySourceEvent(eventId);
  if (corrected) {
    deps.logger.info('replayed event: result corrected before, announced again', { eventId, orderNo: corrected.orderNo });
    const [order, result] = await Promise.all([deps.results.byNo(corrected.orderNo), deps.results.recorded(corrected.orderNo)]);
    if (!order || !result) return t('resultFlow.refuse.gone', { orderNo: corrected.orderNo });
    const done = await afterCorrection(deps, order, corrected, result, sender.inChannel);
    return [mark?.said, done].filter((part) => part).join('\n');
  }
  if (!mark || mark.closed) return undefined;
  deps.logger.info('replayed event: its question was asked before, said again', { eventId });
  return mark.said ?? (await repromptPending(deps, sender.personId));
}
