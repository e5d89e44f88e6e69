import { METER_WORK_LABELS, TASK_KIND_LABELS, type MeterWork, type TaskKind } from '../../domain/work-order/task-kind.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import { japaneseDay } from './japanese-date.ts';
import type { ImportChange, WatchedOrder } from './supervision-ports.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';

/** What an import's change means for today's day. */
export type ChangeKind =
  | { kind: 'added' }
  | { kind: 'changed'; personId: string }
  | { kind: 'removed'; personId: string; reason: 'cancelled' | 'moved'; newDate: string }
  | { kind: 'ignored' };

/**
 * Today's view of one change: an order assigned today that was cancelled or moved to another date leaves the day;
 * one assigned today whose content changed is a change for its worker; an open order of today that nobody holds
 * (new, or moved into today) is to be placed. Anything else (another day, finished orders) is not today's business.
 */
export function classifyChange(change: ImportChange, order: WatchedOrder, date: string): ChangeKind {
  const a = order.assignment?.date === date ? order.assignment : null;
  if (a && order.status === 'cancelled') return { kind: 'removed', personId: a.personId, reason: 'cancelled', newDate: order.scheduledDate };
  if (a && order.scheduledDate !== date) return { kind: 'removed', personId: a.personId, reason: 'moved', newDate: order.scheduledDate };
  if (a && change.source === 'update' && isToDo(order.status) && !order.hasResult) return { kind: 'changed', personId: a.personId };
  const placeable = !order.assignment && !order.hasResult && isToDo(order.status) && order.scheduledDate === date;
  if (placeable && change.source !== 'cancel') return { kind: 'added' };
  return { kind: 'ignored' };
}

/** Fields never named with their value: personal ones (one line for all), positions and unknown columns. */
const PERSONAL = new Set(['customerNumber', 'customerName', 'customerNameKana', 'phone']);
const WITHOUT_VALUE = new Set(['latitude', 'longitude', 'extra']);
const SKIPPED = new Set(['orderNo', 'town']);
const ORDER = ['scheduledDate', 'kind', 'address', 'meterWork', 'diameterMm', 'meterNumber', 'tapNumber', 'previousReading', 'previousUsage', 'remarks', 'mapSheet'];

function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('dispatch.change.empty');
  if (field === 'kind') return TASK_KIND_LABELS[value as TaskKind] ?? String(value);
  if (field === 'meterWork') return METER_WORK_LABELS[value as MeterWork] ?? String(value);
  if (field === 'diameterMm') return `φ${String(value)}`;
  if (field === 'scheduledDate') return japaneseDay(String(value));
  return String(value);
}

function labelOf(field: string): string {
  const key = `dispatch.change.field.${field === 'longitude' ? 'latitude' : field}`;
  return hasTemplate(key) ? templateText(key) : field;
}

/**
 * The lines telling the assignee what the bureau changed: each field with its new value (the address only when
 * `showAddress`), positions and unknown columns by name only, and one line, without values, for customer data.
 */
export function changeLines(changed: Record<string, unknown>, showAddress: boolean): string[] {
  const fields = Object.keys(changed).filter((f) => !SKIPPED.has(f) && !PERSONAL.has(f));
  const ordered = [...ORDER.filter((f) => fields.includes(f)), ...fields.filter((f) => !ORDER.includes(f)).sort()];
  const lines: string[] = [];
  for (const field of ordered) {
    const hideValue = WITHOUT_VALUE.has(field) || (field === 'address' && !showAddress);
    const line = hideValue
      ? t('dispatch.change.lineNoValue', { field: labelOf(field) })
      : t('dispatch.change.line', { field: labelOf(field), value: valueText(field, changed[field]) });
    if (!lines.includes(line)) lines.push(line);
  }
  if (Object.keys(changed).some((f) => PERSONAL.has(f))) lines.push(t('dispatch.change.customer'));
  return lines;
}
