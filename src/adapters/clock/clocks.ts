import type { Clock } from '../../application/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that can be moved forward (never back: durable timers and claims were written at its times). */
export interface SettableClock extends Clock {
  set(at: Date | string): void;
  /** Where the clock starts, before anything ran on it (it may be earlier than now: `start --date`). */
  place(at: Date): void;
}

export class ClockBackError extends Error {
  constructor(readonly from: Date, readonly to: Date) {
    super('the clock cannot go back in time');
  }
}

/** A clock that moves only when told: tests and `kaiheisen simulate` use it, nothing sleeps. */
export class VirtualClock implements SettableClock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    const next = new Date(at).getTime();
    if (next < this.current) throw new ClockBackError(this.now(), new Date(next));
    this.current = next;
  }
  place(at: Date): void {
    this.current = at.getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The console's clock: it runs with the wall clock, at an offset a person sets (`/time`, `start --date`); moving it
 * only forward. Slack and Teams never get it.
 */
export class OffsetClock implements SettableClock {
  private offsetMs = 0;
  constructor(private readonly wall: Clock = systemClock) {}
  now(): Date {
    return new Date(this.wall.now().getTime() + this.offsetMs);
  }
  set(at: Date | string): void {
    const target = new Date(at).getTime();
    const now = this.now();
    if (target < now.getTime()) throw new ClockBackError(now, new Date(target));
    this.offsetMs = target - this.wall.now().getTime();
  }
  place(at: Date): void {
    this.offsetMs = at.getTime() - this.wall.now().getTime();
  }
}
