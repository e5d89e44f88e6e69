import { tokyoDate, tokyoInstant } from './local-time.ts';
import type { WorkCalendar } from './work-calendar.ts';

/** Where the console's clock starts, and why (each kind has its own line on the terminal). */
export type ClockPlacement =
  /**
   * `start --date D`: the morning of D. `from`: where the database's console clock was, earlier: the clock moves on
   * from there to D's morning as /time moves it, running every job and timer due on the way.
   */
  | { kind: 'date'; date: string; at: Date; from?: Date }
  /** A restart, or `start --date D` again on D: the clock goes on where it was. */
  | { kind: 'resume'; date: string; at: Date }
  /** First start after business hours or on a closed day: the next work day's morning. */
  | { kind: 'nextWorkDay'; date: string; at: Date }
  /** First start before the day's first job: this morning. */
  | { kind: 'morning'; date: string; at: Date }
  /** During the day, or a database already in use: the wall clock. */
  | { kind: 'now'; date: string; at: Date };

export type PlacementRefusal =
  | { refused: 'notWorkDay'; date: string; nextWorkDay: string }
  /** The database's console clock is already past the requested day. */
  | { refused: 'clockBack'; date: string; clockAt: Date };

export interface PlacementInput {
  now: Date;
  calendar: WorkCalendar;
  /** The instant a work day starts for the console (a few minutes before its first daily job). */
  morningOf(date: string): Date;
  requestedDate?: string;
  emptyDatabase: boolean;
  /** Where the console's clock was when the bot last ran on this database. */
  lastClock?: Date;
}

/** A day a person can play at any hour: `--date`, or the first start before, during or after the work day. */
export function placeConsoleClock(input: PlacementInput): ClockPlacement | PlacementRefusal {
  const { now, calendar, lastClock } = input;
  if (input.requestedDate !== undefined) return placeOnDate(input, input.requestedDate);
  // Behind the wall clock too: jumping to now would pass every day between without its end of day, carry-over and
  // assignment. The person moves on with /time (which runs them) or `--date`.
  if (lastClock) return { kind: 'resume', date: tokyoDate(lastClock), at: lastClock };
  const today = tokyoDate(now);
  if (!input.emptyDatabase) return { kind: 'now', date: today, at: now };
  const open = calendar.isWorkDay(today) && now < tokyoInstant(today, calendar.businessEnd);
  if (!open) {
    const next = calendar.nextWorkDay(today);
    return { kind: 'nextWorkDay', date: next, at: input.morningOf(next) };
  }
  const morning = input.morningOf(today);
  return now < morning ? { kind: 'morning', date: today, at: morning } : { kind: 'now', date: today, at: now };
}

function placeOnDate(input: PlacementInput, date: string): ClockPlacement | PlacementRefusal {
  if (!input.calendar.isWorkDay(date)) return { refused: 'notWorkDay', date, nextWorkDay: input.calendar.nextWorkDay(date) };
  const morning = input.morningOf(date);
  const last = input.lastClock;
  if (!last || last.getTime() === morning.getTime()) return { kind: 'date', date, at: morning };
  if (last < morning) return { kind: 'date', date, at: morning, from: last };
  if (tokyoDate(last) === date) return { kind: 'resume', date, at: last };
  return { refused: 'clockBack', date, clockAt: last };
}

export const isRefusal = (p: ClockPlacement | PlacementRefusal): p is PlacementRefusal => 'refused' in p;
