import { ClockBackError } from '../clock/clocks.ts';
import { japaneseDay } from '../../application/dispatch/japanese-date.ts';
import { isIsoDate, parseHhmm, tokyoDate, tokyoHhmm, tokyoInstant } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { workLabel } from '../../application/work-labels.ts';
import { ConsoleInputError } from './input-error.ts';

/** Something the clock passed or will reach: a daily job (morning-post) or a durable timer (doubt.escalate). */
export interface ConsoleClockEvent {
  at: Date;
  kind: 'job' | 'timer' | 'poller';
  name: string;
}

/** The console's clock as a person drives it (src/assembly/clock-driver.ts). */
export interface ConsoleClockControl {
  now(): Date;
  next(): Promise<ConsoleClockEvent | undefined>;
  advanceTo(target: Date): Promise<ConsoleClockEvent[]>;
}

/** 2026年3月27日(金) 08:25 */
export function clockText(at: Date): string {
  const date = tokyoDate(at);
  return `${date.slice(0, 4)}年${japaneseDay(date)} ${tokyoHhmm(at)}`;
}

const eventText = (e: ConsoleClockEvent) => t(`console.time.event.${e.kind}`, { name: workLabel(e.name), at: clockText(e.at) });

/** `08:25` (today) or `2026-03-30 08:25`. */
function targetOf(args: string[], now: Date): Date {
  const [first, second] = args;
  const [date, time] = second === undefined ? [tokyoDate(now), first] : [first, second];
  if (args.length > 2 || !date || !time || !isIsoDate(date)) throw new ConsoleInputError(t('console.time.badArgs'));
  try {
    parseHhmm(time);
  } catch {
    throw new ConsoleInputError(t('console.time.badArgs'));
  }
  return tokyoInstant(date, time);
}

async function advance(clock: ConsoleClockControl, target: Date): Promise<ConsoleClockEvent[]> {
  try {
    return await clock.advanceTo(target);
  } catch (e) {
    if (e instanceof ClockBackError) throw new ConsoleInputError(t('console.time.back', { now: clockText(e.from), to: clockText(e.to) }));
    throw e;
  }
}

/** 時計を … に進めました, and the events passed on the way. */
export function movedText(at: Date, passed: ConsoleClockEvent[]): string {
  const lines = [t('console.time.moved', { at: clockText(at) })];
  if (passed.length > 0) lines.push(t('console.time.passed'), ...passed.map((e) => `  ${eventText(e)}`));
  return lines.join('\n');
}

/** `/time` (show), `/time 08:25`, `/time 2026-03-30 08:25` (move forward, running what is due on the way). */
export async function timeCommand(clock: ConsoleClockControl | undefined, args: string[], write: (s: string) => void): Promise<void> {
  if (!clock) throw new ConsoleInputError(t('console.time.fixed'));
  if (args.length === 0) return write(`${t('console.time.now', { at: clockText(clock.now()) })}\n`);
  const target = targetOf(args, clock.now());
  const passed = await advance(clock, target);
  write(`${movedText(clock.now(), passed)}\n`);
}

/** `/next`: the clock moves to the next daily job or durable timer, which runs. */
export async function nextCommand(clock: ConsoleClockControl | undefined, write: (s: string) => void): Promise<void> {
  if (!clock) throw new ConsoleInputError(t('console.time.fixed'));
  const event = await clock.next();
  if (!event) return write(`${t('console.time.nothingNext')}\n`);
  // Said first: the messages the event sends follow this line, not precede it.
  write(`${t('console.time.reached', { event: eventText(event) })}\n`);
  const passed = await advance(clock, event.at);
  const others = passed.filter((e) => e.name !== event.name || e.at.getTime() !== event.at.getTime());
  if (others.length > 0) write(`${[t('console.time.passed'), ...others.map((e) => `  ${eventText(e)}`)].join('\n')}\n`);
}
