import { isLow, thresholdOf, type LowStockThresholds, type StockLine } from '../../domain/consumables/stock.ts';
import type { StockKey } from '../../domain/consumables/supply-command.ts';
import { t } from '../../templates.ts';

/** 休止用ピン, 銅線, 封印玉, メーター φ13. */
export const itemName = (key: StockKey): string => t(`consumables.item.${key.item}`, { mm: key.diameterMm });
export const unitOf = (key: StockKey): string => t(`consumables.unit.${key.item}`);

/** "休止用ピン 100本". */
export const lineText = (key: StockKey & { quantity: number }): string => t('consumables.quantity', { item: itemName(key), quantity: key.quantity, unit: unitOf(key) });

/** One line per item: on hand, and the threshold when it is below (or, with `everyThreshold`, whenever it has one). */
export function stockLines(stock: readonly StockLine[], thresholds: LowStockThresholds, everyThreshold = false): string[] {
  return stock.map((line) => {
    const threshold = thresholdOf(line, thresholds);
    const low = isLow(line, thresholds)
      ? t('consumables.stock.low', { threshold: threshold ?? 0, unit: unitOf(line) })
      : everyThreshold && threshold !== undefined
        ? t('consumables.stock.threshold', { threshold, unit: unitOf(line) })
        : '';
    return t('consumables.stock.line', { item: itemName(line), onHand: line.onHand, unit: unitOf(line), low });
  });
}

/** The stock after a supply, on one line: 休止用ピン 97本、銅線 8本 … */
export function stockSummary(stock: readonly StockLine[]): string {
  return stock.map((line) => lineText({ ...line, quantity: line.onHand })).join(t('consumables.separator'));
}
