import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { CaseDeps, CaseOrder } from './ports.ts';

/**
 * The order a worker means by what they typed: the full number, or its last digits ('0007', '7') among their
 * orders of the day (then the day's). Unknown or ambiguous references are refused with a Japanese message.
 */
export async function resolveOrderRef(
  deps: Pick<CaseDeps, 'orders' | 'clock'>,
  ref: string,
  personId: string,
): Promise<CaseOrder> {
  const typed = ref.normalize('NFKC').trim();
  const exact = await deps.orders.byNo(typed);
  if (exact) return exact;
  const found = await deps.orders.matchRef(typed, tokyoDate(deps.clock.now()), personId);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new AppError(ErrorCode.NotFound, t('escalation.doubt.orderUnknown', { ref: typed }));
  const candidates = found.slice(0, 5).map((o) => o.orderNo).join('、');
  throw new AppError(ErrorCode.InvalidInput, t('escalation.doubt.orderAmbiguous', { ref: typed, candidates }));
}

/** Order references in a list typed by a supervisor: '0007 0012', '0007、0012', one per line. */
export function splitOrderRefs(text: string): string[] {
  return [...new Set(text.normalize('NFKC').split(/[\s,、，;]+/u).map((s) => s.trim()).filter(Boolean))];
}
