import type { FormValues } from './result-form.ts';

export interface FormRequest {
  orderNo?: string;
  prefill?: FormValues;
}

/** {"orderNo": …} of a 結果入力 button or a result form's state, with what to fill in again (reopened form). */
export function formRequestOf(value: string): FormRequest {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    const orderNo = typeof parsed.orderNo === 'string' && parsed.orderNo.trim() ? parsed.orderNo.trim() : undefined;
    const prefill = parsed.prefill && typeof parsed.prefill === 'object' && !Array.isArray(parsed.prefill) ? (parsed.prefill as FormValues) : undefined;
    return { orderNo, prefill };
  } catch {
    return {};
  }
}
