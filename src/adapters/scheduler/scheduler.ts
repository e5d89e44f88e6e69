import schedule from 'node-schedule';
import type { Clock, Logger } from '../../application/ports.ts';
import { parseHhmm } from '../../domain/calendar/local-time.ts';
import type { DailyJobs, JobOutcome } from './daily-jobs.ts';

export const SCHEDULER_TZ = 'Asia/Tokyo';

/** Something that runs whatever is due at `now` (e.g. the durable timer runner), polled on the wall clock. */
export interface Poller {
  name: string;
  everyMs: number;
  tick(now: Date): Promise<unknown>;
  /** The next instant after `after` at which a tick does something (the console's /next stops there), if it knows. */
  nextDue?(after: Date): Promise<Date | undefined>;
  /** Its tick resolves to true when it did its work (compiled a report …): the console's clock lists it as run. */
  reportsWork?: true;
}

/** What a tick ran: the daily jobs' outcomes, and the pollers that did their work (`reportsWork`). */
export interface TickReport {
  jobs: JobOutcome[];
  pollers: string[];
}

/**
 * Drives the daily jobs and pollers. Ticks never overlap. On the wall clock (`startWallClock`), node-schedule fires
 * at each job's time in Asia/Tokyo and pollers run on an interval; with a virtual clock the caller calls `tick(now)`
 * after each move of the clock and nothing runs by itself.
 */
export class Scheduler {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timers: (() => void)[] = [];
  private readonly wallClockJobs: { name: string; job: schedule.Job }[] = [];
  private lastTick?: Date;

  constructor(
    private readonly jobs: DailyJobs,
    private readonly pollers: Poller[],
    private readonly logger: Logger,
  ) {}

  /** When a tick or poll last started (its `now`): one that hangs leaves this behind, which /readyz reports. */
  get lastTickAt(): Date | undefined {
    return this.lastTick;
  }

  /** The shortest poller interval: with the wall clock, a tick or poll starts at least this often. */
  get pollIntervalMs(): number | undefined {
    return this.pollers.length > 0 ? Math.min(...this.pollers.map((p) => p.everyMs)) : undefined;
  }

  /** Runs the daily jobs due at `now`, then every poller. */
  async tick(now: Date): Promise<JobOutcome[]> {
    return (await this.tickReport(now)).jobs;
  }

  /** As `tick`, also naming the pollers that did their work (the console's clock lists what ran). */
  tickReport(now: Date): Promise<TickReport> {
    return this.serial(async () => {
      this.lastTick = now;
      const jobs = await this.jobs.tick(now);
      const pollers: string[] = [];
      for (const p of this.pollers) if (await this.poll(p, now)) pollers.push(p.name);
      return { jobs, pollers };
    });
  }

  /** Schedules the wall-clock triggers and makes a first tick (runs missed jobs still in their catch-up window). */
  startWallClock(clock: Clock): Promise<JobOutcome[]> {
    for (const job of this.jobs.jobs) {
      const [hour, minute] = parseHhmm(job.at);
      const scheduled = schedule.scheduleJob({ hour, minute, second: 0, tz: SCHEDULER_TZ }, (fireDate: Date) => {
        // node-schedule may fire a hair early; the job is due at fireDate in any case.
        void this.tick(new Date(Math.max(clock.now().getTime(), fireDate.getTime())));
      });
      this.wallClockJobs.push({ name: job.name, job: scheduled });
      this.timers.push(() => scheduled.cancel());
    }
    this.startPollers(clock);
    return this.tick(clock.now());
  }

  /**
   * On a clock a person moves (the console's, at an offset from the wall clock): the daily jobs are checked every
   * `jobCheckMs` at the clock's time instead of node-schedule's wall-clock triggers; pollers as on the wall clock.
   */
  startOnClock(clock: Clock, jobCheckMs = 1_000): Promise<JobOutcome[]> {
    const handle = setInterval(() => {
      this.serial(() => this.jobs.tick(clock.now())).catch((e: unknown) =>
        this.logger.error('daily jobs check failed', { error: e instanceof Error ? e.message : String(e) }),
      );
    }, jobCheckMs);
    handle.unref();
    this.timers.push(() => clearInterval(handle));
    this.startPollers(clock);
    return this.tick(clock.now());
  }

  private startPollers(clock: Clock): void {
    for (const p of this.pollers) {
      const handle = setInterval(() => void this.serial(() => this.poll(p, clock.now())), p.everyMs);
      handle.unref();
      this.timers.push(() => clearInterval(handle));
    }
  }

  /** When node-schedule will next fire each daily job (empty when not on the wall clock). */
  nextWallClockRuns(): { job: string; at: Date }[] {
    return this.wallClockJobs.flatMap(({ name, job }) => {
      const next = job.nextInvocation() as Date | null; // null once cancelled
      return next ? [{ job: name, at: new Date(next.getTime()) }] : [];
    });
  }

  /** Cancels the wall-clock triggers and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.wallClockJobs.splice(0);
    for (const cancel of this.timers.splice(0)) cancel();
    await this.chain;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** True when the poller reports that it did its work. */
  private async poll(p: Poller, now: Date): Promise<boolean> {
    if (!this.lastTick || now > this.lastTick) this.lastTick = now;
    try {
      return (await p.tick(now)) === true && p.reportsWork === true;
    } catch (e) {
      this.logger.error('poller failed', { poller: p.name, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }
}
