import { CONSUMABLE_ITEMS, type ConsumableItem } from './consumable-items.ts';
import type { StockKey, SupplyItem, SupplyLine } from './supply-command.ts';

/** A supply or a use of one item on a date (YYYY-MM-DD); a use of meters is a meter fitted (install / replace). */
export interface StockMovement extends SupplyLine {
  date: string;
}

export interface StockLine extends StockKey {
  onHand: number;
}

/** Thresholds below which the stock is low; an item without one is never low (meters: none unless set). */
export interface LowStockThresholds {
  consumables: Partial<Record<ConsumableItem, number>>;
  meters: Partial<Record<number, number>>;
}

/** The defaults when the staff file sets nothing (documented in examples/staff.yaml). */
export const DEFAULT_LOW_STOCK: LowStockThresholds = { consumables: { valvePin: 20, copperWire: 10, seal: 20 }, meters: {} };

/**
 * The staff file's `supplies.lowStock` as written (stored on `staff load`): a key left out keeps its default,
 * 0 means no warning for that item.
 */
export interface LowStockSetting {
  consumables: Partial<Record<ConsumableItem, number>>;
  meters: Partial<Record<number, number>>;
}

/** The thresholds in force: the defaults, overridden key by key by the setting; 0 removes the item's threshold. */
export function lowStockThresholds(setting: LowStockSetting | null): LowStockThresholds {
  const positive = (entries: [string, number | undefined][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined && v > 0));
  return {
    consumables: positive(Object.entries({ ...DEFAULT_LOW_STOCK.consumables, ...setting?.consumables })),
    meters: positive(Object.entries({ ...DEFAULT_LOW_STOCK.meters, ...setting?.meters })),
  };
}

export const stockKeyId = (k: StockKey): string => (k.item === 'meter' ? `meter:${k.diameterMm}` : k.item);

const ITEM_ORDER: readonly SupplyItem[] = [...CONSUMABLE_ITEMS, 'meter'];

/** Items in report order: pins, copper wire, seals, then meters by bore. */
export function byStockOrder(a: StockKey, b: StockKey): number {
  return ITEM_ORDER.indexOf(a.item) - ITEM_ORDER.indexOf(b.item) || a.diameterMm - b.diameterMm;
}

/**
 * Stock on hand = supplied − used, for the three consumables always and for each meter bore that was supplied or
 * fitted. Negative when more was used than recorded as supplied (a supply not typed in yet): shown as it is.
 */
export function stockOnHand(supplied: readonly SupplyLine[], used: readonly SupplyLine[]): StockLine[] {
  const lines = new Map<string, StockLine>(CONSUMABLE_ITEMS.map((item) => [item, { item, diameterMm: 0, onHand: 0 }]));
  const add = (m: SupplyLine, sign: number) => {
    const id = stockKeyId(m);
    const line = lines.get(id) ?? { item: m.item, diameterMm: m.diameterMm, onHand: 0 };
    line.onHand += sign * m.quantity;
    lines.set(id, line);
  };
  for (const s of supplied) add(s, 1);
  for (const u of used) add(u, -1);
  return [...lines.values()].sort(byStockOrder);
}

export function thresholdOf(key: StockKey, thresholds: LowStockThresholds): number | undefined {
  return key.item === 'meter' ? thresholds.meters[key.diameterMm] : thresholds.consumables[key.item];
}

/** Low: on hand below the item's threshold (an item without a threshold is never low). */
export function isLow(line: StockLine, thresholds: LowStockThresholds): boolean {
  const limit = thresholdOf(line, thresholds);
  return limit !== undefined && line.onHand < limit;
}

export interface LowStockChange {
  line: StockLine;
  low: boolean;
}

/**
 * What changed since the states kept (stockKeyId → low): an item that fell below its threshold (warn once), or went
 * back to or above it (the next fall warns again). An item with no state kept is taken as not low.
 */
export function lowStockChanges(stock: readonly StockLine[], thresholds: LowStockThresholds, states: ReadonlyMap<string, boolean>): LowStockChange[] {
  return stock
    .map((line) => ({ line, low: isLow(line, thresholds) }))
    .filter(({ line, low }) => (states.get(stockKeyId(line)) ?? false) !== low);
}
