import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t, templateText } from '../../templates.ts';
import { kindText } from '../dispatch/day-views.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';
import type { ResultOrderInfo, ResultsDeps } from './ports.ts';
import { freeTextFor } from './result-free-text.ts';
import { placeOf, recordedText } from './result-lines.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';

type RefDeps = Pick<ResultsDeps, 'results' | 'directory' | 'clock' | 'privacy'>;

const FINISHED = new Set(['done', 'absent', 'not_done']);

/** '0012' and '12' mean the order whose serial (after the date) is 12; a full number means itself. */
export function serialOf(orderNo: string): number | undefined {
  const serial = orderNo.slice(orderNo.lastIndexOf('-') + 1);
  return /^\d+$/.test(serial) ? Number(serial) : undefined;
}

const isFullNo = (ref: string) => /^\d{8}-\d+$/.test(ref);

/** The sender's orders of the day still without a result. */
export function openOrdersOf(day: ResultOrderInfo[], personId: string, date: string): ResultOrderInfo[] {
  return day.filter((o) => o.assignment?.personId === personId && o.assignment.date === date && isToDo(o.status) && !o.hasResult);
}

/** The sender's only open order of today, when there is exactly one (a result without an order number is for it). */
export async function onlyOpenOrder(deps: RefDeps, personId: string): Promise<ResultOrderInfo | undefined> {
  const date = tokyoDate(deps.clock.now());
  const open = openOrdersOf(await deps.results.ofDay(date, { assigneeId: personId }), personId, date);
  return open.length === 1 ? open[0] : undefined;
}

/** The sender's open orders of the day, for a refusal that suggests what they may have meant. */
export function openOrdersHint(day: ResultOrderInfo[], personId: string, date: string): string {
  const mine = openOrdersOf(day, personId, date);
  if (mine.length === 0) return t('resultFlow.refuse.noOpenOrders');
  const list = mine.map((o) => t('resultFlow.refuse.openOrderItem', { orderNo: o.orderNo, kind: kindText(o) })).join('\n');
  return t('resultFlow.refuse.openOrders', { count: mine.length, list });
}

/**
 * Whether the person may record a result for the order today. Refusals say why: someone else's order (who has it is
 * not personal data), already finished (with the recorded result; corrections go through the supervisor), not
 * today's, or closed otherwise (carried over, cancelled).
 */
export async function checkRecordable(deps: RefDeps, order: ResultOrderInfo, personId: string): Promise<void> {
  const today = tokyoDate(deps.clock.now());
  const names = await deps.directory.names();
  const nameOf = (id: string) => names.get(id) ?? id;
  const assignee = order.assignment?.personId;
  if (!assignee) throw new AppError(ErrorCode.Forbidden, t('resultFlow.refuse.unassigned', { orderNo: order.orderNo }));
  if (assignee !== personId) {
    throw new AppError(ErrorCode.Forbidden, t('resultFlow.refuse.notYours', { orderNo: order.orderNo, id: assignee, name: nameOf(assignee) }));
  }
  if (order.hasResult || FINISHED.has(order.status)) {
    const recorded = await deps.results.recorded(order.orderNo);
    const show = await freeTextFor(deps, order.orderNo, recorded?.personId === personId ? 'assigneeDirect' : 'otherDirect');
    const shown = recorded ? recordedText(order, recorded, nameOf, placeOf(order, 'assigneeDirect', deps.privacy), show) : order.orderNo;
    throw new AppError(ErrorCode.Conflict, t('resultFlow.refuse.finished', { orderNo: order.orderNo, result: shown }), { recordedOrderNo: order.orderNo });
  }
  if (order.assignment!.date !== today) {
    const params = { orderNo: order.orderNo, date: japaneseDay(order.assignment!.date), today: japaneseDay(today) };
    throw new AppError(ErrorCode.Forbidden, t('resultFlow.refuse.notToday', params));
  }
  if (!isToDo(order.status)) {
    throw new AppError(ErrorCode.Conflict, t('resultFlow.refuse.closed', { orderNo: order.orderNo, status: templateText(`resultFlow.status.${order.status}`) }));
  }
}

function unknownRef(ref: string, day: ResultOrderInfo[], personId: string, date: string): AppError {
  return new AppError(ErrorCode.NotFound, t('resultFlow.refuse.unknownRef', { ref, hint: openOrdersHint(day, personId, date) }));
}

/** Among the day's orders, those a short reference (0012, 12) can mean: the sender's first, then anyone's. */
function bySerial(day: ResultOrderInfo[], serial: number, personId: string, date: string): ResultOrderInfo[] {
  const matching = day.filter((o) => serialOf(o.orderNo) === serial);
  const mine = matching.filter((o) => o.assignment?.personId === personId && o.assignment.date === date);
  return mine.length > 0 ? mine : matching;
}

/**
 * The order a worker means by what they typed ('0012', '12', '20260327-0012'). Short references are matched by
 * serial among the day's orders, the sender's first; two matches are a question back, never a guess.
 */
export async function findOrderByRef(deps: RefDeps, ref: string, personId: string): Promise<ResultOrderInfo> {
  const typed = ref.normalize('NFKC').trim();
  const date = tokyoDate(deps.clock.now());
  if (isFullNo(typed)) {
    const order = await deps.results.byNo(typed);
    if (!order) throw unknownRef(typed, await deps.results.ofDay(date), personId, date);
    return order;
  }
  if (!/^\d+$/.test(typed)) throw unknownRef(typed, await deps.results.ofDay(date), personId, date);
  const serial = Number(typed);
  // Only the orders whose number can end in the serial are read (the whole day only for a refusal's hint).
  const candidates = Number.isSafeInteger(serial) ? await deps.results.ofDay(date, { orderNoEndsWith: String(serial) }) : await deps.results.ofDay(date);
  const found = bySerial(candidates, serial, personId, date);
  if (found.length === 0) throw unknownRef(typed, await deps.results.ofDay(date), personId, date);
  if (found.length > 1) {
    const candidates = found.map((o) => o.orderNo).join('、');
    throw new AppError(ErrorCode.InvalidInput, t('resultFlow.refuse.ambiguousRef', { ref: typed, candidates }));
  }
  return found[0]!;
}

/** findOrderByRef, then checkRecordable: the order the sender may record a result for now. */
export async function resolveResultOrder(deps: RefDeps, ref: string, personId: string): Promise<ResultOrderInfo> {
  const order = await findOrderByRef(deps, ref, personId);
  await checkRecordable(deps, order, personId);
  return order;
}
