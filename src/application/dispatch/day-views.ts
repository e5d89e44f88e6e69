import { METER_WORK_LABELS, TASK_KIND_LABELS } from '../../domain/work-order/task-kind.ts';
import { workingOnDuty, type DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { t, templateText } from '../../templates.ts';
import type { Block, MessageView } from '../chat/view.ts';
import { japaneseDay } from './japanese-date.ts';
import type { AssignedOrder } from './ports.ts';

/**
 * Orders per worker message. Each order takes two blocks (text + buttons) and Slack takes 50 blocks per
 * message: 24 orders plus the header and the instructions fit in one Slack message.
 */
export const ORDERS_PER_MESSAGE = 24;

export const RESULT_FORM_ACTION = 'result.form';
export const DOUBT_RAISE_ACTION = 'doubt.raise';

/** "開栓", "閉栓 (メーター引上 φ20)". */
export function kindText(order: Pick<AssignedOrder, 'kind' | 'meterWork' | 'diameterMm'>): string {
  const kind = TASK_KIND_LABELS[order.kind];
  if (!order.meterWork) return kind;
  const diameter = order.diameterMm ? ` φ${order.diameterMm}` : '';
  return `${kind} (${t('dispatch.day.meterWork', { work: METER_WORK_LABELS[order.meterWork] })}${diameter})`;
}

/**
 * The lines of one order for its worker: number, kind, address, `extra` (contact lines the chat policy allows),
 * previous reading, remarks.
 */
export function orderLines(order: AssignedOrder, extra: string[] = []): string[] {
  const lines = [
    t('dispatch.day.order', { visit: order.visitOrder, orderNo: order.orderNo, kind: kindText(order) }),
    t('dispatch.day.address', { address: order.address }),
    ...extra,
  ];
  if (order.previousReading !== null) lines.push(t('dispatch.day.previousReading', { reading: order.previousReading }));
  if (order.remarks) lines.push(t('dispatch.day.remarks', { remarks: order.remarks }));
  return lines;
}

/** Further lines per order in a worker's own day view (e.g. the contact the chat policy lets the assignee see). */
export type ExtraLines = (order: AssignedOrder) => string[];

/** Statuses an order no longer takes a result in: the day view says so, and 結果入力 is gone. */
const FINISHED_STATUSES = ['done', 'absent', 'not_done', 'cancelled'];

/**
 * Carried over (繰越) away from the day of the view: finished there. On its new day a carried-over order is to do like
 * any other: it keeps its buttons and says since when it is open.
 */
export const carriedAway = (order: Pick<AssignedOrder, 'status' | 'scheduledDate'>, date: string) =>
  order.status === 'carried_over' && order.scheduledDate > date;

function orderBlocks(date: string, order: AssignedOrder, extra: ExtraLines): Block[] {
  const value = JSON.stringify({ orderNo: order.orderNo });
  const doubt = { actionId: DOUBT_RAISE_ACTION, label: t('dispatch.day.doubtButton'), value };
  const finished = FINISHED_STATUSES.includes(order.status) || carriedAway(order, date);
  const carried = order.carriedSince && !finished ? [t('dispatch.day.carriedFrom', { date: japaneseDay(order.carriedSince) })] : [];
  const lines = [...orderLines(order, extra(order)), ...carried, ...(finished ? [templateText(`dispatch.day.status.${order.status}`)] : [])];
  const result = { actionId: RESULT_FORM_ACTION, label: t('dispatch.day.resultButton'), value, style: 'primary' as const };
  return [
    { type: 'text', text: lines.join('\n') },
    { type: 'actions', buttons: finished ? [doubt] : [result, doubt] },
  ];
}

/**
 * Why a worker on duty has no orders when their ID card keeps them from work (spec 9(3)): the card's state and whom
 * to contact (the day's supervisors, by name); undefined when the person is not benched.
 */
export function benchedNote(staffing: DayStaffing, personId: string, nameOf: (personId: string) => string): string | undefined {
  const benched = (staffing.benched ?? []).find((b) => b.personId === personId);
  if (!benched) return undefined;
  const state = templateText(`assign.cardState.${benched.cardState}`);
  const who = staffing.supervisors.length > 0 ? t('dispatch.day.benchedContact', { names: staffing.supervisors.map(nameOf).join('、') }) : t('dispatch.day.benchedNoSupervisor');
  return t('dispatch.day.benched', { date: japaneseDay(staffing.date), state, contact: who });
}

/**
 * A worker's orders of the day in visit order: one message, or parts when the day is long. `idle`: what to say
 * instead of 「振り分けられた作業はありません」 when there are none (benchedNote).
 */
export function workerDayViews(date: string, personId: string, orders: AssignedOrder[], extra: ExtraLines = () => [], idle?: string): MessageView[] {
  const day = japaneseDay(date);
  const key = `day:${date}:${personId}`;
  if (orders.length === 0) {
    const text = idle ?? t('dispatch.day.noOrders', { date: day });
    return [{ key, summary: text, blocks: [{ type: 'text', text }] }];
  }
  const parts: AssignedOrder[][] = [];
  for (let i = 0; i < orders.length; i += ORDERS_PER_MESSAGE) parts.push(orders.slice(i, i + ORDERS_PER_MESSAGE));
  return parts.map((part, i) => {
    const params = { date: day, count: orders.length, part: i + 1, parts: parts.length };
    const header = parts.length > 1 ? t('dispatch.day.headerPart', params) : t('dispatch.day.header', params);
    return {
      key: parts.length > 1 ? `${key}:part${i + 1}` : key,
      summary: header,
      blocks: [
        { type: 'header', text: header },
        ...(i === 0 ? [{ type: 'context' as const, text: t('dispatch.day.intro') }] : []),
        ...part.flatMap((o) => orderBlocks(date, o, extra)),
      ],
    };
  });
}

function townsOf(orders: AssignedOrder[]): string {
  return [...new Set(orders.map((o) => o.town))].join('、');
}

/**
 * The bureau channel's view of the day: supervisors, workers who can work, their counts and towns (no addresses);
 * those on duty but kept from work by their ID card apart, with the reason.
 */
export function channelDayView(
  staffing: DayStaffing,
  orders: AssignedOrder[],
  unassigned: number,
  nameOf: (personId: string) => string,
): MessageView {
  const day = japaneseDay(staffing.date);
  const header = t('dispatch.channel.header', { date: day });
  const none = t('dispatch.channel.none');
  const names = (ids: string[]) => (ids.length > 0 ? ids.map(nameOf).join('、') : none);
  const working = workingOnDuty(staffing);
  const lines = working.map((id) => {
    const mine = orders.filter((o) => o.personId === id);
    if (mine.length > 0) return t('dispatch.channel.workerLine', { name: nameOf(id), count: mine.length, towns: townsOf(mine) });
    const idle = staffing.supervisors.includes(id) ? 'dispatch.channel.supervisorIdle' : 'dispatch.channel.workerIdle';
    return t(idle, { name: nameOf(id) });
  });
  const blocks: Block[] = [
    { type: 'header', text: header },
    {
      type: 'fields',
      fields: [
        { label: t('dispatch.channel.supervisors'), value: names(staffing.supervisors) },
        { label: t('dispatch.channel.workers', { count: working.length }), value: names(working) },
        { label: t('dispatch.channel.orders'), value: t('dispatch.channel.count', { count: orders.length }) },
      ],
    },
  ];
  if (lines.length > 0) blocks.push({ type: 'text', text: lines.join('\n') });
  const benched = (staffing.benched ?? []).map((b) => t('dispatch.channel.benchedLine', { name: nameOf(b.personId), state: templateText(`assign.cardState.${b.cardState}`) }));
  if (benched.length > 0) blocks.push({ type: 'context', text: [t('dispatch.channel.benchedHeader'), ...benched].join('\n') });
  if (unassigned > 0) blocks.push({ type: 'context', text: t('dispatch.channel.unassigned', { count: unassigned }) });
  if (staffing.source === 'closed') blocks.push({ type: 'context', text: t('dispatch.channel.closed') });
  return { key: `day:${staffing.date}:bureau`, summary: header, blocks };
}
