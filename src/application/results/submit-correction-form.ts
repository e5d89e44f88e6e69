import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import type { ChatPerson } from '../chat/ports.ts';
import { correctButton } from './correction-form.ts';
import { formRequestOf } from './result-form-request.ts';
import { afterCorrection, correctableResult, correctResult, type CorrectableResult, type CorrectionDeps } from './record-correction.ts';
import { readResultForm } from './read-result-form.ts';
import type { FormValues } from './result-form.ts';
import { filesOf, formErrorView } from './submit-result-form.ts';

/** The order of a correction form's state with its recorded result, when the person may correct it; else why not. */
async function correctable(deps: CorrectionDeps, personId: string, state: string): Promise<CorrectableResult | string> {
  const { orderNo } = formRequestOf(state);
  const order = orderNo ? await deps.results.byNo(orderNo) : undefined;
  if (!order) return t('resultFlow.refuse.gone', { orderNo: orderNo ?? '-' });
  try {
    return await correctableResult(deps, order, personId);
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}

/** The correction form's field errors when it arrives (shown on Slack's open modal); refusals come as a message. */
export async function correctionFormErrors(deps: CorrectionDeps, person: ChatPerson, state: string, values: FormValues): Promise<Record<string, string> | undefined> {
  const found = await correctable(deps, person.id, state);
  if (typeof found === 'string') return undefined;
  const { errors } = readResultForm(found.order, values, deps.thresholds);
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * A submitted correction form (the 訂正 button): read and checked like a result form (the reading entered twice, a
 * usage far above the previous one ticked, 開栓's その旨 for a reading other than the previous one …), then written by
 * the same use case as 訂正 by text (correctResult): the same rules on who may correct (checked again: the report may
 * have been approved since the form opened), history, audit row, amendment for the bureau after the approval. The
 * same values as recorded correct nothing and say so. A replay of a submission that corrected the result before a
 * crash corrects nothing again and answers as the first time did.
 */
export async function submitCorrectionForm(deps: CorrectionDeps, turn: ChatTurn, state: string, values: FormValues): Promise<void> {
  const inChannel = turn.envelope.inChannel === true;
  const replayed = turn.eventId === undefined ? undefined : await deps.corrections.bySourceEvent(turn.eventId);
  if (replayed) {
    const [order, result] = await Promise.all([deps.results.byNo(replayed.orderNo), deps.results.recorded(replayed.orderNo)]);
    if (!order || !result) return turn.reply(plainView(t('resultFlow.refuse.gone', { orderNo: replayed.orderNo })));
    return turn.reply(plainView(await afterCorrection(deps, order, replayed, result, inChannel)));
  }
  const found = await correctable(deps, turn.person.id, state);
  if (typeof found === 'string') return turn.reply(plainView(found));
  const { order } = found;
  const { draft, errors } = readResultForm(order, values, deps.thresholds);
  if (Object.keys(errors).length > 0 || !draft.outcome) {
    return turn.reply(formErrorView(order, values, errors, { header: t('correction.form.errors', { orderNo: order.orderNo }), reopen: correctButton(order.orderNo, values) }));
  }
  const input = { order, personId: turn.person.id, channel: turn.envelope.platform, draft, files: filesOf(turn), inChannel };
  await turn.reply(plainView(await correctResult(deps, { ...input, ...(turn.eventId === undefined ? {} : { sourceEventId: turn.eventId }) })));
}
