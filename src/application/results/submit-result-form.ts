import { isAppError, type AppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import type { ChatPerson } from '../chat/ports.ts';
import type { Button, MessageView } from '../chat/view.ts';
import { correctionOffer } from './correction-form.ts';
import type { CorrectionDeps } from './record-correction.ts';
import { reopenButton } from './open-result-form.ts';
import { formRequestOf } from './result-form-request.ts';
import type { ResultOrderInfo, ResultsDeps, StoredFile } from './ports.ts';
import { announceResult, recordResult } from './record-result.ts';
import { buildResultForm, type FormValues } from './result-form.ts';
import { checkRecordable } from './result-order-ref.ts';
import { readResultForm } from './read-result-form.ts';

/** The order a submitted form is about, when its person may still record it; undefined otherwise. */
async function recordableOrder(deps: ResultsDeps, person: ChatPerson, state: string): Promise<ResultOrderInfo | undefined> {
  const { orderNo } = formRequestOf(state);
  const order = orderNo ? await deps.results.byNo(orderNo) : undefined;
  if (!order) return undefined;
  try {
    await checkRecordable(deps, order, person.id);
    return order;
  } catch (e) {
    if (isAppError(e)) return undefined;
    throw e;
  }
}

/**
 * The form's field errors when it arrives (Slack shows them under the fields and keeps the modal open). Refusals
 * (someone else's order, already recorded …) are not field errors: the submission goes on and is refused with the
 * reason in a message.
 */
export async function resultFormErrors(deps: ResultsDeps, person: ChatPerson, state: string, values: FormValues): Promise<Record<string, string> | undefined> {
  const order = await recordableOrder(deps, person, state);
  if (!order) return undefined;
  const { errors } = readResultForm(order, values, deps.thresholds);
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** The errors' first line and the button that reopens the form with what was entered (a correction has its own). */
export interface FormErrorParts {
  header: string;
  reopen: Button;
}

/** The errors as a message with a button that reopens the form with what was entered. */
export function formErrorView(order: ResultOrderInfo, values: FormValues, errors: Record<string, string>, parts?: FormErrorParts): MessageView {
  const labels = new Map(buildResultForm(order).fields.map((f) => [f.id, f.label]));
  const lines = Object.entries(errors).map(([id, message]) => t('resultFlow.form.errorLine', { label: labels.get(id) ?? id, message }));
  const header = parts?.header ?? t('resultFlow.form.errors', { orderNo: order.orderNo });
  return {
    summary: header,
    blocks: [
      { type: 'text', text: [header, ...lines].join('\n') },
      { type: 'actions', buttons: [parts?.reopen ?? reopenButton(order.orderNo, values)] },
    ],
  };
}

/** A text with the 訂正 button when one is offered (a receipt, a 「記録済み」 answer). */
export function withCorrection(text: string, offer: Button | undefined): MessageView {
  return offer ? { summary: text, blocks: [{ type: 'text', text }, { type: 'actions', buttons: [offer] }] } : plainView(text);
}

/** 訂正 on a 「記録済み」 refusal (checkRecordable names the order in its details), when the person may correct it. */
export async function offerOnRefusal(deps: CorrectionDeps, personId: string, e: AppError): Promise<Button | undefined> {
  const orderNo = e.details?.recordedOrderNo;
  return typeof orderNo === 'string' ? correctionOffer(deps, personId, orderNo) : undefined;
}

/** The photos that came with the event (form upload, message attachment), with their platform. */
export const filesOf = (turn: ChatTurn): StoredFile[] => {
  const p = turn.envelope.payload;
  return (p.type === 'form' || p.type === 'text' ? (p.files ?? []) : []).map((file) => ({ ...file, platform: turn.envelope.platform }));
};

/**
 * A submitted result form: refused with the reason (another's order, already recorded — a second submission shows
 * the recorded result — not today's), sent back with its errors, or recorded. The replay of a submission that
 * recorded the result before a crash records nothing and answers as the first time did.
 */
export async function submitResultForm(deps: CorrectionDeps, turn: ChatTurn, state: string, values: FormValues): Promise<void> {
  const { orderNo } = formRequestOf(state);
  const order = orderNo ? await deps.results.byNo(orderNo) : undefined;
  if (!order) return turn.reply(plainView(t('resultFlow.refuse.gone', { orderNo: orderNo ?? '-' })));
  const replayed = turn.eventId === undefined ? undefined : await deps.results.bySourceEvent(turn.eventId);
  if (replayed) {
    const again = await announceResult(deps, { order, personId: turn.person.id, inChannel: turn.envelope.inChannel === true }, replayed);
    return turn.reply(withCorrection(again.text, await correctionOffer(deps, turn.person.id, order.orderNo)));
  }
  try {
    await checkRecordable(deps, order, turn.person.id);
  } catch (e) {
    if (!isAppError(e)) throw e;
    return turn.reply(withCorrection(e.message, await offerOnRefusal(deps, turn.person.id, e)));
  }
  const { draft, errors } = readResultForm(order, values, deps.thresholds);
  if (Object.keys(errors).length > 0 || !draft.outcome) return turn.reply(formErrorView(order, values, errors));
  const input = { order, personId: turn.person.id, channel: turn.envelope.platform, draft: { ...draft, outcome: draft.outcome }, files: filesOf(turn) };
  const done = await recordResult(deps, { ...input, inChannel: turn.envelope.inChannel === true, sourceEventId: turn.eventId });
  // Recorded, or recorded meanwhile by another submission (the recorded result is shown): 訂正 when allowed.
  await turn.reply(withCorrection(done.text, await correctionOffer(deps, turn.person.id, order.orderNo)));
}
