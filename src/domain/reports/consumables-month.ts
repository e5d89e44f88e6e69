import { CONSUMABLE_ITEMS } from '../consumables/consumable-items.ts';
import { byStockOrder, stockKeyId, type StockMovement } from '../consumables/stock.ts';
import type { StockKey } from '../consumables/supply-command.ts';
import { TASK_KINDS, type TaskKind } from '../work-order/task-kind.ts';

/** A use of an item by a result of one kind of work (その他 also for a use without a result). */
export interface KindedUse extends StockMovement {
  kind: TaskKind;
}

/** One row of the 別表2 table: carried from last month, supplied, used by kind of work, on hand at month end. */
export interface ConsumablesRow extends StockKey {
  carried: number;
  supplied: number;
  used: Record<TaskKind, number>;
  usedTotal: number;
  onHand: number;
}

const zeroUse = (): Record<TaskKind, number> => Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as Record<TaskKind, number>;

/**
 * The month's table (`month` YYYY-MM) from every supply and use up to its end: rows for the three consumables always,
 * meters for each bore that had any movement up to the month's end. on hand = carried + supplied − used.
 */
export function consumablesOfMonth(month: string, supplied: readonly StockMovement[], used: readonly KindedUse[]): ConsumablesRow[] {
  const rows = new Map<string, ConsumablesRow>();
  const rowOf = (k: StockKey) => {
    const id = stockKeyId(k);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { item: k.item, diameterMm: k.diameterMm, carried: 0, supplied: 0, used: zeroUse(), usedTotal: 0, onHand: 0 }));
    return row;
  };
  for (const item of CONSUMABLE_ITEMS) rowOf({ item, diameterMm: 0 });
  const period = (date: string) => (date.slice(0, 7) < month ? 'before' : date.slice(0, 7) === month ? 'in' : 'after');
  for (const s of supplied) {
    const when = period(s.date);
    if (when === 'after') continue;
    const row = rowOf(s);
    if (when === 'before') row.carried += s.quantity;
    else row.supplied += s.quantity;
  }
  for (const u of used) {
    const when = period(u.date);
    if (when === 'after') continue;
    const row = rowOf(u);
    if (when === 'before') row.carried -= u.quantity;
    else {
      row.used[u.kind] += u.quantity;
      row.usedTotal += u.quantity;
    }
  }
  for (const row of rows.values()) row.onHand = row.carried + row.supplied - row.usedTotal;
  return [...rows.values()].sort(byStockOrder);
}
