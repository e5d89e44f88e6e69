import type { Clock } from '../../application/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: tests and `kaiheisen simulate` use it, nothing sleeps. */
export class VirtualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    const next = new Date(at).getTime();
    if (next < this.current) throw new Error('VirtualClock cannot go back in time');
    this.current = next;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
