import { IMPORT_FIELDS, type ImportedWorkOrder } from './import-row.ts';
import { isToDo } from './work-order.ts';

/** A valid row of the file with the hash of its content. */
export interface IncomingOrder {
  line: number;
  order: ImportedWorkOrder;
  contentHash: string;
}

/** What the store knows of an order with the same number. */
export interface ExistingOrder {
  id: number;
  orderNo: string;
  contentHash: string;
  status: string;
  hasResult: boolean;
}

/** What planning needs of an incoming order: its number and hash (an IncomingOrder, or a staged one). */
export interface PlanItem {
  line: number;
  order: Pick<ImportedWorkOrder, 'orderNo'>;
  contentHash: string;
}

/** hasResult: a worker already recorded a result; notOpen: the order is done, carried over, cancelled... */
export type ConflictReason = 'hasResult' | 'notOpen';

export type PlannedUpdate<T extends PlanItem = IncomingOrder> = T & { id: number };

export type PlannedConflict<T extends PlanItem = IncomingOrder> = T & { reason: ConflictReason; status: string };

export interface ImportPlan<T extends PlanItem = IncomingOrder> {
  inserts: T[];
  updates: PlannedUpdate<T>[];
  unchanged: T[];
  conflicts: PlannedConflict<T>[];
}

/** Unit separator: validation rejects control characters in every cell, so fields cannot run together. */
const SEPARATOR = '\u001f';

/**
 * The text whose hash says whether an order changed: every imported field in a fixed order and
 * the unknown columns by header. `town` is left out: it is derived from the address.
 */
export function contentOf(order: ImportedWorkOrder): string {
  const parts = IMPORT_FIELDS.map((field) => order[field] ?? '');
  if (order.extra) parts.push(JSON.stringify(Object.entries(order.extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  return parts.join(SEPARATOR);
}

/**
 * Compares the file with the stored orders. Same content: unchanged, whatever the order's state.
 * Changed content: an update, unless the order already has a result or is no longer open, which
 * is never overwritten silently but reported as a conflict.
 */
export function planImport<T extends PlanItem = IncomingOrder>(incoming: readonly T[], existing: Iterable<ExistingOrder>): ImportPlan<T> {
  const byOrderNo = new Map<string, ExistingOrder>();
  for (const e of existing) byOrderNo.set(e.orderNo, e);
  const plan: ImportPlan<T> = { inserts: [], updates: [], unchanged: [], conflicts: [] };
  for (const item of incoming) {
    const stored = byOrderNo.get(item.order.orderNo);
    if (!stored) plan.inserts.push(item);
    else if (stored.contentHash === item.contentHash) plan.unchanged.push(item);
    else if (stored.hasResult) plan.conflicts.push({ ...item, reason: 'hasResult', status: stored.status });
    else if (!isToDo(stored.status)) plan.conflicts.push({ ...item, reason: 'notOpen', status: stored.status });
    else plan.updates.push({ ...item, id: stored.id });
  }
  return plan;
}
