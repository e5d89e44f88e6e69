import type { DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { t } from '../../templates.ts';
import type { Block, MessageView } from '../chat/view.ts';
import { japaneseDay } from './japanese-date.ts';
import { carriedAway } from './day-views.ts';
import type { AssignedOrder } from './ports.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';

export const REASSIGN_ACTION = 'dispatch.reassign';

export const progressKey = (date: string) => `progress:${date}`;

/** 20260327-0012 → 0012 on its own date (what people type); other numbers stay whole. */
export function shortOrderNo(orderNo: string, date: string): string {
  const prefix = `${date.replaceAll('-', '')}-`;
  return orderNo.startsWith(prefix) ? orderNo.slice(prefix.length) : orderNo;
}

export interface ProgressCounts {
  done: number;
  absent: number;
  notDone: number;
  open: number;
}

/**
 * Counts by the order's state on the date: done, absent (不在時完了), not done (未実施, carried over away from the date),
 * open (carried over onto the date included); cancelled ones are left out.
 */
export function countsOf(orders: readonly AssignedOrder[], date: string): ProgressCounts {
  const counts: ProgressCounts = { done: 0, absent: 0, notDone: 0, open: 0 };
  for (const o of orders) {
    if (o.status === 'done') counts.done += 1;
    else if (o.status === 'absent') counts.absent += 1;
    else if (o.status === 'not_done' || carriedAway(o, date)) counts.notDone += 1;
    else if (isToDo(o.status)) counts.open += 1;
  }
  return counts;
}

export interface ProgressInput {
  staffing: DayStaffing;
  /** The date's assigned orders, by person then visit order. */
  orders: AssignedOrder[];
  unassigned: number;
  nameOf(personId: string): string;
  /** Whether the viewer may reassign (the day's supervisor): the 振替 hint and button. */
  canReassign: boolean;
}

function workerText(date: string, name: string, personId: string, mine: AssignedOrder[]): string {
  const c = countsOf(mine, date);
  const head = t('dispatch.progress.worker', { name, personId, ...c });
  const open = mine.filter((o) => isToDo(o.status)).sort((a, b) => a.visitOrder - b.visitOrder);
  if (open.length === 0) return `${head}\n${t('dispatch.progress.noneLeft')}`;
  const stops = open.map((o) => t('dispatch.progress.stop', { orderNo: shortOrderNo(o.orderNo, date), town: o.town }));
  return `${head}\n${t('dispatch.progress.left', { stops: stops.join(' → ') })}`;
}

/**
 * Everyone's progress for the supervisor (or the bureau): per worker done / absent / not done / open, and the
 * open orders' numbers in visit order with their towns only (no address: the view may be read in a channel).
 */
export function progressView(input: ProgressInput): MessageView {
  const { staffing, orders } = input;
  const date = staffing.date;
  const holders = [...new Set(orders.map((o) => o.personId))];
  const field = staffing.onDuty.filter((id) => !staffing.supervisors.includes(id));
  const people = [...new Set([...field, ...holders])];
  const total = countsOf(orders, date);
  const header = t('dispatch.progress.header', {
    date: japaneseDay(date),
    finished: total.done + total.absent + total.notDone,
    total: total.done + total.absent + total.notDone + total.open,
  });
  const blocks: Block[] = [{ type: 'header', text: header }];
  for (const id of people) {
    blocks.push({ type: 'text', text: workerText(date, input.nameOf(id), id, orders.filter((o) => o.personId === id)) });
  }
  if (people.length === 0) blocks.push({ type: 'text', text: t('dispatch.progress.nobody') });
  if (input.unassigned > 0) blocks.push({ type: 'context', text: t('dispatch.progress.unassigned', { count: input.unassigned }) });
  if (total.open > 0 && input.canReassign) {
    blocks.push({ type: 'context', text: t('dispatch.progress.reassignHint') });
    const value = JSON.stringify({ date });
    blocks.push({ type: 'actions', buttons: [{ actionId: REASSIGN_ACTION, label: t('dispatch.progress.reassignButton'), value }] });
  }
  return { key: progressKey(date), summary: header, blocks };
}
