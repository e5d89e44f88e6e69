import type { AppContext } from './context.ts';
import type { SettableClock } from '../adapters/clock/clocks.ts';
import { createConsoleClockStore } from '../adapters/db/console-clock-store.ts';
import { nextPendingTimer } from '../adapters/db/timer-store.ts';
import { clockText, movedText } from '../adapters/console/time-commands.ts';
import type { DailyJobs } from '../adapters/scheduler/daily-jobs.ts';
import type { Poller } from '../adapters/scheduler/scheduler.ts';
import { japaneseDay } from '../application/dispatch/japanese-date.ts';
import { isRefusal, placeConsoleClock, type ClockPlacement } from '../domain/calendar/console-start.ts';
import { tokyoInstant } from '../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { createClockDriver, type ClockDriver, type ClockDriverDeps } from './clock-driver.ts';
import { isDatabaseEmpty } from './examples/example-loader.ts';

/** A work day starts for the console this long before its first daily job (the 08:30 morning post: 08:25). */
const MORNING_LEAD_MS = 5 * 60_000;

/** The instant the console places a work day's morning: before the first daily job that runs on it. */
export function morningOf(ctx: AppContext, jobs: Pick<DailyJobs, 'firstRunOn'>, date: string): Date {
  const first = jobs.firstRunOn(date) ?? ctx.config.calendar.businessStart;
  return new Date(tokyoInstant(date, first).getTime() - MORNING_LEAD_MS);
}

/** Text of a refused `--date` (a closed day names the next work day). */
export function dateRefusal(ctx: AppContext, date: string): string | undefined {
  if (ctx.calendar.isWorkDay(date)) return undefined;
  const next = ctx.calendar.nextWorkDay(date);
  return t('bot.clock.notWorkDay', { date, day: japaneseDay(date), next, nextDay: japaneseDay(next) });
}

/**
 * Where the console's clock starts (before the scheduler's first tick, so nothing runs on the way): the morning of
 * `--date`, or on a first start a day that can be worked at any hour; a restart resumes where the clock was.
 */
export async function placeClockOnStart(ctx: AppContext, jobs: DailyJobs, clock: SettableClock, requestedDate?: string): Promise<ClockPlacement> {
  const placement = placeConsoleClock({
    now: clock.now(),
    calendar: ctx.calendar,
    morningOf: (date) => morningOf(ctx, jobs, date),
    ...(requestedDate ? { requestedDate } : {}),
    emptyDatabase: await isDatabaseEmpty(ctx),
    lastClock: await createConsoleClockStore(ctx.db).mark(),
  });
  if (isRefusal(placement)) {
    const message =
      placement.refused === 'notWorkDay'
        ? dateRefusal(ctx, placement.date)!
        : t('bot.clock.clockBack', { date: placement.date, at: clockText(placement.clockAt) });
    throw new AppError(ErrorCode.InvalidInput, message);
  }
  const at = placement.kind === 'date' && placement.from ? placement.from : placement.at;
  clock.place(at);
  await createConsoleClockStore(ctx.db).advance(at);
  return placement;
}

/** The terminal lines that say where the clock is and how to move it. */
export function placementLines(placement: ClockPlacement): string {
  const values = { at: clockText(placement.at), day: japaneseDay(placement.date), date: placement.date };
  if (placement.kind === 'date' && placement.from) return `${t('bot.clock.placed.dateFrom', { ...values, from: clockText(placement.from) })}\n`;
  return `${t(`bot.clock.placed.${placement.kind}`, values)}\n${t('bot.clock.howTo')}\n`;
}

/** `start --date D` on a database whose clock was earlier: the clock moves on to D's morning, as /time moves it. */
export async function catchUpToDate(placement: ClockPlacement | undefined, clock: ClockDriver | undefined): Promise<string> {
  if (placement?.kind !== 'date' || !placement.from || !clock) return '';
  const passed = await clock.advanceTo(placement.at);
  return `${movedText(clock.now(), passed)}\n${t('bot.clock.howTo')}\n`;
}

/** /time and /next on the bot's scheduled work; each move is kept for a restart. */
export function consoleClockDriver(
  ctx: AppContext,
  clock: SettableClock,
  work: { jobs: DailyJobs; nextPollerDue: ClockDriverDeps['nextPollerDue'] },
  tick: ClockDriverDeps['tick'],
): ClockDriver {
  const store = createConsoleClockStore(ctx.db);
  const nextTimer = (after: Date) => nextPendingTimer(ctx.db, after);
  return createClockDriver({ clock, jobs: work.jobs, nextTimer, nextPollerDue: work.nextPollerDue, tick, moved: (at) => store.advance(at) });
}

/** Keeps where the console's clock is, so that a restart never starts it earlier than it was. */
export function consoleClockPoller(ctx: AppContext, clock: SettableClock): Poller {
  const store = createConsoleClockStore(ctx.db);
  return { name: 'console-clock', everyMs: 10_000, tick: () => store.advance(clock.now()) };
}
