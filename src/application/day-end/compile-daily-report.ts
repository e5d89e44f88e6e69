import { tokyoHhmm, tokyoInstant } from '../../domain/calendar/local-time.ts';
import { overtimeRunning } from '../../domain/overtime/overtime.ts';
import { openOrdersOf } from '../../domain/reports/daily-aggregate.ts';
import type { DailyReportResult } from '../reports/build-daily-report.ts';
import { buildBotDraft, SYSTEM_ACTOR, sendDailyCards, sendPromptCard, workersOfDay } from './daily-delivery.ts';
import { compileKey, type DayEndDeps } from './ports.ts';

/**
 * The end-of-day compile (spec 15(4)イ): orders still open are carried over to the next work day (status
 * 'carried_over', 作業予定日 moved, audited), the 日報 is built and stored as a draft, and every supervisor of the
 * date gets its card with 承認 and 修正・追記; the reminder waits for its approval (remind-daily-report.ts). A report
 * already approved or sent is left alone.
 * Runs once per date: as the daily job at the end of business hours, or earlier through compileIfReady. While the
 * bureau's overtime consent (approved, or still pending) covers an order still open, nothing is carried and nothing
 * compiled: the orders stay with their workers and the poller of after-overtime.ts compiles when the overtime ends.
 */
export async function compileDailyReport(deps: DayEndDeps, date: string): Promise<DailyReportResult | undefined> {
  const existing = await deps.report.reports.getDaily(date);
  if (existing && existing.state !== 'draft') {
    deps.logger.info('daily report already approved, compile skipped', { date, state: existing.state });
    return undefined;
  }
  const rows = await deps.report.source.loadDay(date, existing?.view.carriedOrderNos ?? []);
  const open = openOrdersOf(rows.orders, date);
  const waiting = await overtimeHolding(deps, date, open);
  if (waiting) {
    deps.logger.info('daily report waits for the overtime to end', { date, held: waiting.held, until: tokyoHhmm(waiting.endsAt) });
    return undefined;
  }
  const next = deps.calendar.nextWorkDay(date);
  const carried = open.length > 0 ? await deps.store.carryOver(open, date, next, deps.clock.now()) : [];
  const result = await buildBotDraft(deps, {
    date,
    actor: SYSTEM_ACTOR,
    carried: carried.length > 0 ? { to: next, orderNos: carried } : undefined,
  });
  const reached = await sendDailyCards(deps, result.view, { state: result.state });
  deps.logger.info('daily report compiled', { date, carried: carried.length, orders: result.view.totals.orders, supervisorsReached: reached.length });
  return result;
}

/** The running overtime that holds at least one of the open orders: the day is not over for them yet. */
export async function overtimeHolding(deps: DayEndDeps, date: string, open: readonly string[]): Promise<{ held: number; endsAt: Date } | undefined> {
  if (open.length === 0) return undefined;
  const running = overtimeRunning(await deps.overtime.ofDay(date), date, deps.clock.now());
  const held = running ? open.filter((no) => running.orderNos.includes(no)).length : 0;
  return running && held > 0 ? { held, endsAt: running.endsAt } : undefined;
}

/** Compiles the date once under `key` (shared by every instance): false when it was claimed already. */
export async function compileClaimed(deps: DayEndDeps, key: string, date: string, now: Date): Promise<boolean> {
  if (!(await deps.claims.claim(key, now))) return false;
  try {
    await compileDailyReport(deps, date);
  } catch (e) {
    await deps.claims.release(key);
    throw e;
  }
  return true;
}

/**
 * The early compile: before the end of business hours, once every order of the date is closed and every worker asked
 * has confirmed the day (at least one). It claims the same once-per-date key as the daily job, which then skips.
 */
export async function compileIfReady(deps: DayEndDeps, date: string): Promise<boolean> {
  const now = deps.clock.now();
  if (!deps.calendar.isWorkDay(date) || now >= tokyoInstant(date, deps.calendar.businessEnd)) return false;
  // Nobody confirmed: some worker has not (or there is none). Polled every minute, so the day is not loaded for it.
  if (!(await deps.store.anyConfirmed(date))) return false;
  const stored = await deps.report.reports.getDaily(date);
  if (stored?.view.source === 'bot') return false;
  const rows = await deps.report.source.loadDay(date);
  const workers = workersOfDay(rows, date);
  const confirmed = new Set(rows.confirmations.map((c) => c.personId));
  if (workers.length === 0 || workers.some((w) => !confirmed.has(w.personId)) || openOrdersOf(rows.orders, date).length > 0) return false;
  if (!(await compileClaimed(deps, compileKey(date), date, now))) return false;
  deps.logger.info('daily report compiled early: every order closed and every worker confirmed', { date });
  return true;
}

/** The poller's step: today's early compile, from business start until business end. */
export async function tickEarlyCompile(deps: DayEndDeps, now: Date, date: string): Promise<boolean> {
  if (now < tokyoInstant(date, deps.calendar.businessStart)) return false;
  return compileIfReady(deps, date);
}

/** The 17:15 prompt (spec 15(4)ア): each worker asked gets 「本日の作業は完了しましたか」 with their open orders. */
export async function promptDayEnd(deps: DayEndDeps, date: string): Promise<{ prompted: string[] }> {
  const rows = await deps.report.source.loadDay(date);
  const confirmed = new Map(rows.confirmations.map((c) => [c.personId, c.confirmedAt]));
  const prompted: string[] = [];
  for (const worker of workersOfDay(rows, date)) {
    if (await sendPromptCard(deps, date, worker.personId, worker.openOrderNos, confirmed.get(worker.personId) ?? null)) prompted.push(worker.personId);
  }
  deps.logger.info('day-end prompt sent', { date, workers: prompted.length });
  return { prompted };
}
