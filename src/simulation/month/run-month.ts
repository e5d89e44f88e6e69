import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { addDays, tokyoInstant } from '../../domain/calendar/local-time.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import { checkInvariants, type Invariant, type Observations } from './invariants.ts';
import { planMonth, type MonthPlan } from './plan.ts';
import { MonthPlayer } from './player.ts';

export { MonthDatabaseInUse } from './player.ts';
import { playDay } from './play-day.ts';
import { observe } from './observe.ts';
import { observeMonth } from './observe-month.ts';
import { withThrowawayKey } from '../../assembly/context.ts';

export interface MonthOptions {
  config: Config;
  seed: number;
  /** First calendar day and how many calendar days are played (work days get orders). */
  start: string;
  days: number;
  orders: number;
  workers: number;
  supervisors: number;
  /** Orders worked in approved overtime per day, at most (default 2; 0 leaves overtime out). */
  overtimePerDay?: number;
  databaseUrl?: string;
  progress?: (line: string) => void;
}

export interface MonthResult {
  ok: boolean;
  invariants: Invariant[];
  figures: { days: number; workDays: number; orders: number; events: number; maxAckMs: number; seconds: number; peakRssMb: number };
}

/** The first work day of the next month at MONTHLY_REPORT_TIME: the bot's own monthly job makes and sends the 月報. */
async function playMonthlyJob(player: MonthPlayer, month: string): Promise<void> {
  const next = addDays(`${month}-28`, 7).slice(0, 7);
  const day = player.ctx.calendar.nextWorkDay(`${next}-01`, true);
  await player.at(day, '07:00');
  await player.at(day, player.ctx.config.reportJobs.monthlyTime);
  await player.at(day, '12:00');
}

export function workDaysOf(calendar: Pick<WorkCalendar, 'isWorkDay'>, start: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(start, i)).filter((d) => calendar.isWorkDay(d));
}

/** Plays the month on the assembled console bot and checks its invariants against the generator's truth. */
export async function runMonth(options: MonthOptions): Promise<MonthResult> {
  const started = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-month-'));
  const databaseUrl = options.databaseUrl ?? `file:${join(dir, 'month.db')}`;
  // One key for the whole run (the player restarts the bot); a temporary database's key is never written.
  const config = options.databaseUrl ? options.config : withThrowawayKey(options.config);
  const player = new MonthPlayer({ config, databaseUrl, dir }, tokyoInstant(options.start, '07:00'));
  try {
    await player.start();
    const plan: MonthPlan = planMonth({ ...options, workDays: workDaysOf(player.ctx.calendar, options.start, options.days) });
    await player.loadStaff(plan);
    for (const day of plan.days) {
      await playDay(player, plan, day);
      options.progress?.(`${day.date}: ${day.orders.length} orders, ${player.eventsSent} events so far, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const month = options.start.slice(0, 7);
    await playMonthlyJob(player, month);
    const observations: Observations = await observe(player, plan, await observeMonth(player, plan, month));
    const invariants = checkInvariants(observations);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      ok: invariants.every((i) => i.ok),
      invariants,
      figures: {
        days: options.days,
        workDays: plan.days.length,
        orders: plan.orders,
        events: player.eventsSent,
        maxAckMs: Math.round(Math.max(0, ...player.acksMs)),
        seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
    };
  } finally {
    clearInterval(sample);
    await player.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
