import { DEFAULT_CHAT_POLICY, locationFor, type Audience, type ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import { METER_WORK_LABELS, TASK_KIND_LABELS } from '../../domain/work-order/task-kind.ts';
import { t } from '../../templates.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import type { CaseOrder, CaseOrders } from './ports.ts';
import type { DirectoryPerson } from '../staffing/ports.ts';

export type NameOf = (personId: string | null | undefined) => string;

export function nameLookup(people: Map<string, DirectoryPerson>): NameOf {
  return (id) => (id ? (people.get(id)?.name ?? id) : t('escalation.nobody'));
}

/** "20260327-0007 閉栓 (メーター引上 φ20)". */
export function orderText(order: CaseOrder | undefined, orderNo: string | null): string {
  if (!order) return orderNo ?? t('escalation.noOrder');
  const work = order.meterWork ? ` (${t('dispatch.day.meterWork', { work: METER_WORK_LABELS[order.meterWork] })}${order.diameterMm ? ` φ${order.diameterMm}` : ''})` : '';
  return t('escalation.orderLine', { orderNo: order.orderNo, kind: `${TASK_KIND_LABELS[order.kind]}${work}` });
}

/**
 * Where the order is, as the viewer may see it: the address to its assignee's own messages (under the default
 * policy), the town to anybody else. Customer name, kana, phone and number are never read into a CaseOrder.
 */
export function placeFor(order: CaseOrder, viewerId: string, policy: ChatPrivacyPolicy = DEFAULT_CHAT_POLICY): string {
  const audience: Audience = order.assigneeId === viewerId ? 'assigneeDirect' : 'otherDirect';
  const forChat = { ...order, customerName: null, customerNameKana: null, phone: null, customerNumber: null };
  return locationFor(forChat, policy, audience);
}

/** A button value: the case id as JSON. */
export const caseValue = (key: 'doubtId' | 'incidentId' | 'requestId', id: number) => JSON.stringify({ [key]: id });

/** The id in a button value or form state, or undefined when it is not one. */
export function idFrom(value: string, key: 'doubtId' | 'incidentId' | 'requestId'): number | undefined {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    const id = parsed[key];
    return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The orderNo of a button value {"orderNo": "…"}, if any. */
export function orderNoFrom(value: string): string | undefined {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    return typeof parsed.orderNo === 'string' && parsed.orderNo.trim() ? parsed.orderNo.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** A form value as trimmed text ('' when absent). */
export function formText(values: Record<string, string | string[] | undefined>, id: string): string {
  const v = values[id];
  return (Array.isArray(v) ? v.join(' ') : (v ?? '')).trim();
}

/**
 * The customers of the case's orders, and of the day's orders when `date` is given (a doubt or an incident may name
 * a customer without, or besides, its order number), to find and mask in its free text; none when the store cannot tell.
 */
export async function customersOf(orders: CaseOrders, orderNos: readonly (string | null | undefined)[], date?: string): Promise<KnownCustomer[]> {
  const out: KnownCustomer[] = [];
  for (const no of orderNos) {
    const customer = no && orders.customerOf ? await orders.customerOf(no) : undefined;
    if (customer) out.push(customer);
  }
  if (date && orders.customersOfDate) out.push(...(await orders.customersOfDate(date)));
  return out;
}
