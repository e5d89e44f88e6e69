import { workingOnDuty, type DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { DayOrderIndex } from './supervision-ports.ts';

/** '0012', '12' and '20260327-0012' all mean the order whose number ends in -0012. */
export function matchOrderRef(orderNos: readonly string[], ref: string): string[] {
  const typed = ref.normalize('NFKC').trim();
  if (orderNos.includes(typed)) return [typed];
  const digits = typed.includes('-') ? typed.slice(typed.lastIndexOf('-') + 1) : typed;
  if (!/^\d+$/.test(digits)) return [];
  return orderNos.filter((no) => {
    const serial = no.slice(no.lastIndexOf('-') + 1);
    return /^\d+$/.test(serial) && Number(serial) === Number(digits);
  });
}

/** The one order of the date a supervisor means, or a refusal (unknown, ambiguous) in Japanese. */
export async function resolveDayOrder(index: DayOrderIndex, date: string, ref: string): Promise<string> {
  const found = matchOrderRef(await index.orderNosOn(date), ref);
  if (found.length === 1) return found[0]!;
  const shown = ref.normalize('NFKC').trim();
  if (found.length === 0) throw new AppError(ErrorCode.NotFound, t('dispatch.reassign.orderUnknown', { ref: shown }));
  throw new AppError(ErrorCode.InvalidInput, t('dispatch.reassign.orderAmbiguous', { ref: shown, candidates: found.slice(0, 5).join('、') }));
}

/**
 * Whom a supervisor may move an order to today: those on duty who may work (not kept from work by their ID card), the
 * day's supervisors only when they do field work that day (they hold orders); spec 10(2), 9(3).
 */
export function reassignCandidates(staffing: DayStaffing, dayOrders: readonly { personId: string }[]): string[] {
  const holding = new Set(dayOrders.map((o) => o.personId));
  return workingOnDuty(staffing).filter((id) => !staffing.supervisors.includes(id) || holding.has(id));
}

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * The person a supervisor names: their id (w03), their full name (試験花子, spaces ignored) or a family name that
 * only one person has. Refused in Japanese when nobody or several match, listing `candidates`: those an order may be
 * moved to today (reassignCandidates).
 */
export function resolveWorker(ref: string, candidates: readonly string[], names: Map<string, string>): string {
  const typed = compact(ref);
  const byId = [...names.keys()].find((id) => id.toLowerCase() === typed);
  if (byId) return byId;
  const byName = [...names].filter(([, name]) => compact(name) === typed).map(([id]) => id);
  const byFamily = [...names].filter(([, name]) => compact(name.split(/\s+/)[0] ?? '') === typed).map(([id]) => id);
  const found = byName.length > 0 ? byName : byFamily;
  if (found.length === 1) return found[0]!;
  const onDuty = candidates.map((id) => `${id} ${names.get(id) ?? ''}`.trim()).join('、') || t('dispatch.channel.none');
  throw new AppError(ErrorCode.NotFound, t('dispatch.reassign.workerUnknown', { ref: ref.trim(), onDuty }));
}
