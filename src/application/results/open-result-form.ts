import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { FormRefusal } from '../chat/dispatcher.ts';
import type { ChatPerson } from '../chat/ports.ts';
import type { Button, FormView } from '../chat/view.ts';
import { correctionOffer } from './correction-form.ts';
import type { CorrectionDeps } from './record-correction.ts';
import { buildResultForm, RESULT_FORM_ID, type FormValues } from './result-form.ts';
import { formRequestOf } from './result-form-request.ts';
import { checkRecordable } from './result-order-ref.ts';

/** Button values and form states are at most 2,000 characters (Slack); a longer prefill is left out. */
const MAX_VALUE = 1_900;

/** 「入力し直す」: opens the result form again with what was entered (without it when that would be too long). */
export function reopenButton(orderNo: string, values: FormValues): Button {
  const withValues = JSON.stringify({ orderNo, prefill: values });
  return {
    actionId: RESULT_FORM_ID,
    label: t('resultFlow.form.reopen'),
    value: withValues.length <= MAX_VALUE ? withValues : JSON.stringify({ orderNo }),
    style: 'primary',
  };
}

/**
 * 結果入力: the form of the order when the person may record its result now, else the reason why not (someone
 * else's order, already finished with the recorded result and 訂正 when allowed, not today's, unknown); the
 * dispatcher tells it.
 */
export async function openResultForm(deps: CorrectionDeps, person: ChatPerson, value: string): Promise<FormView | FormRefusal> {
  const { orderNo, prefill } = formRequestOf(value);
  const order = orderNo ? await deps.results.byNo(orderNo) : undefined;
  if (!order) return { refused: t('resultFlow.refuse.gone', { orderNo: orderNo ?? '-' }) };
  try {
    await checkRecordable(deps, order, person.id);
  } catch (e) {
    if (!isAppError(e)) throw e;
    // Recorded already: the recorded result is shown, with 訂正 when the person may correct it.
    const orderOfResult = e.details?.recordedOrderNo;
    const offer = typeof orderOfResult === 'string' ? await correctionOffer(deps, person.id, orderOfResult) : undefined;
    return { refused: e.message, ...(offer ? { buttons: [offer] } : {}) };
  }
  return buildResultForm(order, prefill);
}
