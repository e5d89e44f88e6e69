import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import type { Logger } from '../ports.ts';
import { refreshDay } from './day-refresh.ts';
import { classifyChange } from './order-change.ts';
import type { ImportChange, OrderWatchStore } from './supervision-ports.ts';
import { actOnChange, type WatchActionDeps, type WatchNotices } from './watch-actions.ts';

export interface OrderWatchDeps extends WatchActionDeps {
  store: OrderWatchStore;
  logger: Logger;
  /** Names this process in the claims. */
  instanceId: string;
}

/**
 * The mark trails the clock by this much: the last minutes of changes are read again on every tick, so an import
 * that committed late (its time is taken before its transaction) is still caught; the claims keep anything from
 * being acted on twice.
 */
export const LOOKBACK_MS = 5 * 60_000;

export interface OrderWatchReport {
  date: string;
  /** Changes acted on by this instance, by kind. */
  acted: { added: number; changed: number; removed: number };
  failed: number;
}

/**
 * Several updates of one order read together: one notice, fields merged, the latest update claimed. Additions and
 * cancellations stay apart (an order added and then updated is told as both, each claimed on its own).
 */
export function mergeByOrder(changes: readonly ImportChange[]): ImportChange[] {
  const out: ImportChange[] = [];
  const updates = new Map<string, ImportChange>();
  for (const c of changes) {
    const seen = c.source === 'update' ? updates.get(c.orderNo) : undefined;
    if (!seen) {
      const copy = { ...c, changed: { ...c.changed } };
      if (c.source === 'update') updates.set(c.orderNo, copy);
      out.push(copy);
      continue;
    }
    Object.assign(seen.changed, c.changed);
    if (c.at >= seen.at) Object.assign(seen, { version: c.version, at: c.at });
  }
  return out;
}

/**
 * Re-imports reaching workers (the `import` usually runs in another process): each tick reads what imports changed
 * since the durable mark (it trails the clock by LOOKBACK_MS), acts on today's orders (claimed per order version, so
 * a restart or a second instance never acts twice), then re-sends the touched workers' day messages in place with a
 * notice each, and tells the day's supervisors. Before the day's messages went out, changes are applied silently: the morning post shows them.
 * The first run only sets the mark: what came before is the morning post's.
 */
export function createOrderWatch(deps: OrderWatchDeps): (now: Date) => Promise<OrderWatchReport> {
  return async (now) => {
    const date = tokyoDate(now);
    const report: OrderWatchReport = { date, acted: { added: 0, changed: 0, removed: 0 }, failed: 0 };
    const mark = await deps.store.mark();
    if (!mark) {
      await deps.store.advanceMark(now);
      return report;
    }
    const changes = mergeByOrder(await deps.store.changesSince(mark, date));
    const next = new Date(Math.max(mark.getTime(), now.getTime() - LOOKBACK_MS));
    const notices: WatchNotices = { workers: new Map(), supervisors: [] };
    for (const change of changes) {
      try {
        const kind = await handle(deps, change, date, now, notices);
        if (kind) report.acted[kind] += 1;
      } catch (e) {
        report.failed += 1;
        deps.logger.error('order watch: change not handled', { orderNo: change.orderNo, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (notices.workers.size + notices.supervisors.length > 0 && (await deps.store.dayPosted(date))) await tell(deps, date, notices);
    // A failed change is read again next tick (its claim was released); the others are skipped by their claims.
    if (report.failed === 0 && next > mark) await deps.store.advanceMark(next);
    if (changes.length > 0) deps.logger.info('order watch', { date, ...report.acted, failed: report.failed });
    return report;
  };
}

async function handle(deps: OrderWatchDeps, change: ImportChange, date: string, now: Date, notices: WatchNotices) {
  const order = await deps.store.order(change.orderNo);
  if (!order) return undefined;
  const decision = classifyChange(change, order, date);
  if (decision.kind === 'ignored') return undefined;
  if (!(await deps.store.claim(order.workOrderId, change.version, decision.kind, deps.instanceId, now))) return undefined;
  try {
    await actOnChange(deps, decision, change, order, date, notices);
  } catch (e) {
    await deps.store.release(order.workOrderId, change.version);
    throw e;
  }
  return decision.kind;
}

async function tell(deps: OrderWatchDeps, date: string, notices: WatchNotices): Promise<void> {
  if (notices.workers.size === 0 && notices.supervisors.length === 0) return;
  await refreshDay(deps, date, notices.workers.keys());
  for (const [personId, texts] of notices.workers) {
    for (const text of texts) await deps.gateway.send({ personId }, plainView(text));
  }
  if (notices.supervisors.length === 0) return;
  const text = [t('dispatch.watch.supervisorHeader'), ...notices.supervisors].join('\n');
  for (const personId of (await deps.team.staffing(date)).supervisors) await deps.gateway.send({ personId }, plainView(text));
}
