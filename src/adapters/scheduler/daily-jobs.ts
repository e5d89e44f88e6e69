import type { Logger } from '../../application/ports.ts';
import { addDays, minutesOf, tokyoDate, tokyoInstant } from '../../domain/calendar/local-time.ts';
import type { JobClaims } from '../db/job-run-store.ts';
import { withDeliveryCause } from './delivery-cause.ts';

/** A job that runs once per Tokyo calendar day at a wall-clock time (the morning post at 08:30 …). */
export interface DailyJob {
  name: string;
  /** HH:MM, Asia/Tokyo. */
  at: string;
  /**
   * HH:MM: until when a run missed at `at` (the bot was down or started later) is still made on the next tick.
   * Without it a missed run is skipped.
   */
  catchUpUntil?: string;
  /** Whether the job runs on that date at all (e.g. only on work days). */
  runsOn?(date: string): boolean;
  /**
   * Until when the chat messages of the run stay worth sending (default: a day after they were written). Each
   * message is a durable delivery keyed by the run (`${name}:${date}`): the run is done once they are written, and
   * the outbox keeps retrying them; a re-run sends none of them twice.
   */
  deliveriesRelevantUntil?(date: string): Date;
  run(date: string): Promise<void>;
}

export type JobOutcome = { job: string; date: string; result: 'ran' | 'claimed-elsewhere' | 'not-today' | 'failed' };

export interface DailyJobsDeps {
  claims: JobClaims;
  logger: Logger;
  /** Names this process in JobRun rows. */
  instanceId: string;
}

/**
 * The registry of daily jobs. `tick(now)` runs what came due since the previous tick; each (job, date) runs once
 * across every instance sharing the database: the run is claimed first by inserting JobRun `${job}:${date}`.
 * The wall-clock driver calls tick at each job's time; `kaiheisen simulate` calls it from the virtual clock.
 */
export class DailyJobs {
  private readonly registered: DailyJob[] = [];
  private readonly attempted = new Set<string>();
  private lastTick: Date | undefined;

  constructor(private readonly deps: DailyJobsDeps) {}

  register(job: DailyJob): this {
    if (this.registered.some((j) => j.name === job.name)) throw new Error(`daily job '${job.name}' registered twice`);
    tokyoInstant('2000-01-01', job.at); // throws on a bad time
    this.registered.push(job);
    return this;
  }

  get jobs(): readonly DailyJob[] {
    return this.registered;
  }

  /** The next run after `after` this process has not attempted, on a date its job runs (the console's /next). */
  next(after: Date, horizonDays = 400): { job: string; date: string; at: Date } | undefined {
    for (let date = tokyoDate(after), i = 0; i < horizonDays; i++, date = addDays(date, 1)) {
      const runs = this.registered
        .filter((j) => !this.attempted.has(`${j.name}:${date}`) && (!j.runsOn || j.runsOn(date)))
        .map((j) => ({ job: j.name, date, at: tokyoInstant(date, j.at) }))
        .filter((r) => r.at > after)
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      if (runs[0]) return runs[0];
    }
    return undefined;
  }

  /** HH:MM of the first job that runs on `date` (where that work day starts), if any does. */
  firstRunOn(date: string): string | undefined {
    return this.registered
      .filter((j) => !j.runsOn || j.runsOn(date))
      .map((j) => j.at)
      .sort((a, b) => minutesOf(a) - minutesOf(b))[0];
  }

  async tick(now: Date): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    const previous = this.lastTick;
    this.lastTick = now;
    for (const date of datesBetween(previous ?? now, now)) {
      for (const job of this.registered) {
        if (!isDue(job, date, now, previous) || this.attempted.has(`${job.name}:${date}`)) continue;
        outcomes.push(await this.runOnce(job, date, now));
      }
    }
    return outcomes;
  }

  private async runOnce(job: DailyJob, date: string, now: Date): Promise<JobOutcome> {
    const key = `${job.name}:${date}`;
    this.attempted.add(key);
    if (job.runsOn && !job.runsOn(date)) return { job: job.name, date, result: 'not-today' };
    if (!(await this.deps.claims.claim(key, this.deps.instanceId, now))) {
      this.deps.logger.info('daily job already run by another instance', { job: job.name, date });
      return { job: job.name, date, result: 'claimed-elsewhere' };
    }
    try {
      const relevantUntil = job.deliveriesRelevantUntil?.(date);
      await withDeliveryCause({ key, jobKey: key, ...(relevantUntil ? { relevantUntil } : {}) }, () => job.run(date));
      this.deps.logger.info('daily job ran', { job: job.name, date });
      return { job: job.name, date, result: 'ran' };
    } catch (e) {
      this.deps.logger.error('daily job failed', { job: job.name, date, error: e instanceof Error ? e.message : String(e) });
      await this.deps.claims.release(key, this.deps.instanceId);
      this.attempted.delete(key);
      return { job: job.name, date, result: 'failed' };
    }
  }
}

/** Due at `now`: its time has come, and either it came since the previous tick or it is still in its catch-up window. */
function isDue(job: DailyJob, date: string, now: Date, previous: Date | undefined): boolean {
  const start = tokyoInstant(date, job.at);
  if (start > now) return false;
  if (previous !== undefined && start > previous) return true;
  return job.catchUpUntil !== undefined && now < tokyoInstant(date, job.catchUpUntil);
}

function datesBetween(from: Date, to: Date): string[] {
  const dates: string[] = [];
  for (let d = tokyoDate(from); d <= tokyoDate(to); d = addDays(d, 1)) dates.push(d);
  return dates;
}
