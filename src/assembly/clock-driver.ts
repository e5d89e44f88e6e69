import { ClockBackError, type SettableClock } from '../adapters/clock/clocks.ts';
import type { DailyJobs } from '../adapters/scheduler/daily-jobs.ts';
import type { TickReport } from '../adapters/scheduler/scheduler.ts';

/** Something due by itself: a daily job's run or a durable timer (an escalation step, a page, a reminder). */
export interface ClockEvent {
  at: Date;
  kind: 'job' | 'timer' | 'poller';
  /** The job's name (morning-post) or the timer's kind (doubt.escalate). */
  name: string;
}

export interface ClockDriverDeps {
  clock: SettableClock;
  jobs: Pick<DailyJobs, 'next'>;
  nextTimer(after: Date): Promise<{ kind: string; dueAt: Date } | undefined>;
  /** A poller's next due moment (e.g. when an approved overtime ends and the day's report is compiled). */
  nextPollerDue?(after: Date): Promise<{ name: string; at: Date } | undefined>;
  /**
   * Runs what is due at `now`: the daily jobs and every poller (the durable timers among them); what it reports having
   * run (a job, a poller that did its work) is listed too, also when it was not the event the clock stopped for.
   */
  tick(now: Date): Promise<Partial<TickReport> | void>;
  /** Called with where the clock ended after each move (the console keeps it for a restart). */
  moved?(at: Date): Promise<void>;
}

export interface ClockDriver {
  now(): Date;
  /** The next daily job or durable timer after now. */
  next(): Promise<ClockEvent | undefined>;
  /** Moves the clock forward to `target`, stopping at every event due on the way, in order; the events passed. */
  advanceTo(target: Date): Promise<ClockEvent[]>;
}

/**
 * Moves a virtual clock the way time would pass: each daily job and durable timer due on the way runs at its own
 * time (a reminder a step schedules is itself stepped through), then the clock stops at the target. Never back.
 */
export function createClockDriver(deps: ClockDriverDeps): ClockDriver {
  const { clock } = deps;
  async function next(): Promise<ClockEvent | undefined> {
    const now = clock.now();
    const job = deps.jobs.next(now);
    const timer = await deps.nextTimer(now);
    const poller = await deps.nextPollerDue?.(now);
    const events: ClockEvent[] = [
      ...(poller ? [{ at: poller.at, kind: 'poller' as const, name: poller.name }] : []),
      ...(job ? [{ at: job.at, kind: 'job' as const, name: job.job }] : []),
      ...(timer ? [{ at: timer.dueAt, kind: 'timer' as const, name: timer.kind }] : []),
    ];
    return events.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  }
  async function advanceTo(target: Date): Promise<ClockEvent[]> {
    if (target < clock.now()) throw new ClockBackError(clock.now(), target);
    const passed: ClockEvent[] = [];
    for (let event = await next(); event && event.at <= target; event = await next()) {
      clock.set(event.at);
      passed.push(event, ...alsoRan(event, await deps.tick(event.at), event.at));
    }
    if (target > clock.now()) clock.set(target);
    passed.push(...alsoRan(undefined, await deps.tick(clock.now()), clock.now()));
    await deps.moved?.(clock.now());
    return passed;
  }
  return { now: () => clock.now(), next, advanceTo };
}

/** What a tick reports having run besides the event the clock stopped for (a deferred compile, a job due at once). */
function alsoRan(event: ClockEvent | undefined, report: Partial<TickReport> | void, at: Date): ClockEvent[] {
  const same = (kind: ClockEvent['kind'], name: string) => event?.kind === kind && event.name === name;
  const jobs = (report?.jobs ?? []).filter((j) => j.result === 'ran' && !same('job', j.job)).map((j) => ({ at, kind: 'job' as const, name: j.job }));
  const pollers = (report?.pollers ?? []).filter((name) => !same('poller', name)).map((name) => ({ at, kind: 'poller' as const, name }));
  return [...jobs, ...pollers];
}
