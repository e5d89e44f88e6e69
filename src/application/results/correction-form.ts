import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { FormRefusal } from '../chat/dispatcher.ts';
import type { ChatPerson } from '../chat/ports.ts';
import type { Button, FormView } from '../chat/view.ts';
import { kindText } from '../dispatch/day-views.ts';
import { formRequestOf } from './result-form-request.ts';
import type { RecordedResult, ResultOrderInfo } from './ports.ts';
import { correctableResult, type CorrectionDeps } from './record-correction.ts';
import { buildResultForm, type FormValues } from './result-form.ts';
import { resultFormValuesOf } from './result-form-values.ts';

/** The 訂正 button's action id and the correction form's id (its state and the button's value: {"orderNo": …}). */
export const CORRECTION_FORM_ID = 'result.correct';

/** Button values are at most 2,000 characters (Slack); a longer prefill is left out (the recorded values are used). */
const MAX_VALUE = 1_900;

/** 訂正 on a receipt: opens the order's result form filled in with the recorded result. */
export function correctButton(orderNo: string, prefill?: FormValues): Button {
  const withValues = JSON.stringify({ orderNo, ...(prefill ? { prefill } : {}) });
  return {
    actionId: CORRECTION_FORM_ID,
    label: prefill ? t('resultFlow.form.reopen') : t('correction.button'),
    value: withValues.length <= MAX_VALUE ? withValues : JSON.stringify({ orderNo }),
  };
}

/**
 * The result form of the order as a correction: its fields filled in with the recorded result (or with what was
 * entered, when reopened after errors), its own id, so that its submission goes to the correction.
 */
export function buildCorrectionForm(order: ResultOrderInfo, recorded: RecordedResult, prefill?: FormValues): FormView {
  const form = buildResultForm(order, prefill ?? resultFormValuesOf(order, recorded));
  const hint = t('correction.form.hint', { order: `${order.orderNo} ${kindText(order)}` });
  return {
    ...form,
    formId: CORRECTION_FORM_ID,
    title: t('correction.form.title', { orderNo: order.orderNo }),
    submitLabel: t('correction.form.submit'),
    fields: form.fields.map((field) => (field.id === 'outcome' ? { ...field, hint } : field)),
  };
}

/**
 * The 訂正 button for a receipt or a 「記録済み」 answer, when the person may correct the order's recorded result now
 * (their own until the day's report is approved; the day's supervisor any); undefined otherwise.
 */
export async function correctionOffer(deps: CorrectionDeps, personId: string, orderNo: string): Promise<Button | undefined> {
  const order = await deps.results.byNo(orderNo);
  if (!order?.hasResult) return undefined;
  try {
    await correctableResult(deps, order, personId);
    return correctButton(order.orderNo);
  } catch (e) {
    if (isAppError(e)) return undefined;
    throw e;
  }
}

/**
 * 訂正 pressed: the form filled in with the recorded result, when the person may correct it now; else why not (not
 * recorded, someone else's result, the day's report approved: ask the supervisor). The rules are those of 訂正 by text
 * (record-correction.ts), checked again when the form comes back.
 */
export async function openCorrectionForm(deps: CorrectionDeps, person: ChatPerson, value: string): Promise<FormView | FormRefusal> {
  const { orderNo, prefill } = formRequestOf(value);
  const order = orderNo ? await deps.results.byNo(orderNo) : undefined;
  if (!order) return { refused: t('resultFlow.refuse.gone', { orderNo: orderNo ?? '-' }) };
  try {
    const { recorded } = await correctableResult(deps, order, person.id);
    return buildCorrectionForm(order, recorded, prefill);
  } catch (e) {
    if (isAppError(e)) return { refused: e.message };
    throw e;
  }
}
