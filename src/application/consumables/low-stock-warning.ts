import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { stockKeyId, stockOnHand, lowStockChanges } from '../../domain/consumables/stock.ts';
import { t } from '../../templates.ts';
import type { MessageView } from '../chat/view.ts';
import type { SuppliesDeps } from './ports.ts';
import { stockKeepers } from './stock-keepers.ts';
import { stockLines } from './stock-text.ts';

/**
 * The low-stock check (after results, corrections and supplies), for the items supplied at least once: each item that fell below its threshold since the
 * last check is written as low in one transaction, and the day's supervisors and the admins get ONE warning listing
 * those items, through the durable outbox (keyed by the items and the instant of the change, so a retry or replay
 * sends it once). An item back at or above its threshold is written as not low, silently: its next fall warns again.
 * Returns how many items became low.
 */
export async function checkLowStock(deps: SuppliesDeps): Promise<number> {
  const [{ supplied, used }, states, thresholds] = await Promise.all([deps.supplies.movements(), deps.supplies.lowStates(), deps.thresholds()]);
  // An item is tracked from its first supply: before it, nothing says what the bureau handed over.
  const tracked = new Set(supplied.map(stockKeyId));
  const changes = lowStockChanges(stockOnHand(supplied, used).filter((line) => tracked.has(stockKeyId(line))), thresholds, states);
  if (changes.length === 0) return 0;
  const at = deps.clock.now();
  const fell = (await deps.supplies.applyLowChanges(changes, at)).filter((c) => c.low);
  if (fell.length === 0) return 0;
  const view: MessageView = {
    key: `stock-low:${fell.map((c) => stockKeyId(c.line)).join(',')}:${at.toISOString()}`,
    summary: t('consumables.lowStock.summary'),
    blocks: [
      { type: 'header', text: t('consumables.lowStock.header') },
      { type: 'text', text: stockLines(fell.map((c) => c.line), thresholds).join('\n') },
      { type: 'context', text: t('consumables.lowStock.footer') },
    ],
  };
  const keepers = await stockKeepers(deps, tokyoDate(at));
  for (const personId of keepers) await deps.gateway.send({ personId }, view);
  deps.logger.info('low stock warned', { items: fell.map((c) => stockKeyId(c.line)).join(','), recipients: keepers.length });
  return fell.length;
}
