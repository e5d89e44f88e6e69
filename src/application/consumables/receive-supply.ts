import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDate, tokyoMinutes } from '../../domain/calendar/local-time.ts';
import { stockKeyId, stockOnHand } from '../../domain/consumables/stock.ts';
import { MAX_SUPPLY_QUANTITY, parseSupply, REPEAT_WINDOW_MINUTES, type SupplyLine } from '../../domain/consumables/supply-command.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { checkLowStock } from './low-stock-warning.ts';
import type { SuppliesDeps } from './ports.ts';
import { notAllowedText, stockKeepers } from './stock-keepers.ts';
import { itemName, lineText, stockLines, stockSummary } from './stock-text.ts';

/**
 * 支給 (spec 6(2)): the day's supervisor or an admin records what the bureau handed over; the answer gives the stock
 * on hand after it. Anyone else is refused; a line not understood is answered with the form expected. Once per
 * inbound event (a replay answers with the stock, records nothing). Then the low-stock check runs (a supply may lift
 * an item above its threshold).
 */
export async function receiveSupply(deps: SuppliesDeps, actor: PersonActor, rest: string, eventId?: number): Promise<string> {
  const now = deps.clock.now();
  const date = tokyoDate(now);
  if (!(await stockKeepers(deps, date)).includes(actor.actorId)) throw new AppError(ErrorCode.Forbidden, await notAllowedText(deps, date));
  const command = parseSupply(rest);
  if (!command.ok) {
    const syntax = t('consumables.supply.syntax');
    throw new AppError(ErrorCode.InvalidInput, t(`consumables.supply.${command.reason}`, { syntax, max: MAX_SUPPLY_QUANTITY }));
  }
  const done = await deps.supplies.receive({ ...command.line, date, at: now }, actor, eventId);
  if (done.status === 'recorded') deps.logger.info('supply received', { item: done.line.item, diameterMm: done.line.diameterMm, quantity: done.line.quantity });
  await checkLowStock(deps);
  const { supplied, used } = await deps.supplies.movements();
  // A replay answers as the first time did (the outbox then sends that answer once).
  const answer = t('consumables.supply.recorded', { line: lineText(done.line), stock: stockSummary(stockOnHand(supplied, used)) });
  return done.repeatOf ? `${answer}\n${repeatText(done.repeatOf, done.line)}` : answer;
}

/** The note that a supply looks like a repeat of the same line a few minutes before (recorded all the same). */
function repeatText(at: Date, line: SupplyLine): string {
  const minutes = tokyoMinutes(at);
  const time = `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  return t('consumables.supply.repeated', { time, line: lineText(line), minutes: REPEAT_WINDOW_MINUTES });
}

/**
 * 在庫: the stock on hand of every item with its threshold, low ones marked (anyone on the staff may ask). An item never
 * supplied is not tracked (as for the warning): it says so, with no number and no low mark.
 */
export async function showStock(deps: SuppliesDeps): Promise<string> {
  const { supplied, used } = await deps.supplies.movements();
  const tracked = new Set(supplied.map(stockKeyId));
  const thresholds = await deps.thresholds();
  const lines = stockOnHand(supplied, used).map((line) =>
    tracked.has(stockKeyId(line)) ? stockLines([line], thresholds, true)[0] : t('consumables.stock.untracked', { item: itemName(line) }),
  );
  return [t('consumables.stock.header'), ...lines].join('\n');
}
