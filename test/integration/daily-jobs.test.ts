import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { type Database } from '../../src/adapters/db/database.ts';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { createJobClaims } from '../../src/adapters/db/job-run-store.ts';
import { DailyJobs, type DailyJob } from '../../src/adapters/scheduler/daily-jobs.ts';
import { Scheduler } from '../../src/adapters/scheduler/scheduler.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let temp: TempDatabase;

beforeEach(async () => {
  temp = await tempDatabase();
});
afterEach(async () => {
  await temp.dispose();
});

function registry(instanceId: string, job: DailyJob, db: Database = temp.db): DailyJobs {
  return new DailyJobs({ claims: createJobClaims(db), logger: silent, instanceId }).register(job);
}

function recordingJob(runs: string[], who: string, extra: Partial<DailyJob> = {}): DailyJob {
  return { name: 'morning-post', at: '08:30', run: async (date) => void runs.push(`${who}:${date}`), ...extra };
}

const at = (date: string, time: string) => tokyoInstant(date, time);

describe('daily jobs on one database', () => {
  it('runs a job once per day even with two instances (two connections) ticking at the same time', async () => {
    const runs: string[] = [];
    const second = await openDatabase(temp.url);
    onTestFinished(() => second.close());
    const a = registry('instance-a', recordingJob(runs, 'a'));
    const b = registry('instance-b', recordingJob(runs, 'b'), second);
    await Promise.all([a.tick(at('2026-03-27', '08:00')), b.tick(at('2026-03-27', '08:00'))]);
    const [ra, rb] = await Promise.all([a.tick(at('2026-03-27', '08:30')), b.tick(at('2026-03-27', '08:30'))]);
    expect(runs).toHaveLength(1);
    expect([...ra!, ...rb!].map((o) => o.result).sort()).toEqual(['claimed-elsewhere', 'ran']);
    const rows = await temp.db.read.jobRun.findMany();
    expect(rows.map((r) => r.key)).toEqual(['morning-post:2026-03-27']);
    expect(rows[0]!.instanceId).toBe(runs[0]!.startsWith('a') ? 'instance-a' : 'instance-b');
    await a.tick(at('2026-03-27', '09:00'));
    expect(runs).toHaveLength(1);
  });

  it('does not run before its time, and runs on the tick that passes it', async () => {
    const runs: string[] = [];
    const jobs = registry('i', recordingJob(runs, 'i'));
    expect(await jobs.tick(at('2026-03-27', '07:00'))).toEqual([]);
    expect(await jobs.tick(at('2026-03-27', '08:29'))).toEqual([]);
    expect(await jobs.tick(at('2026-03-27', '08:31'))).toEqual([{ job: 'morning-post', date: '2026-03-27', result: 'ran' }]);
  });

  it('catches up a run missed while stopped only inside its catch-up window', async () => {
    const late: string[] = [];
    await registry('late', recordingJob(late, 'late', { catchUpUntil: '17:45' })).tick(at('2026-03-27', '10:00'));
    expect(late).toEqual(['late:2026-03-27']);
    const tooLate: string[] = [];
    await registry('too-late', recordingJob(tooLate, 'x', { name: 'other', catchUpUntil: '17:45' })).tick(at('2026-03-27', '18:00'));
    const noWindow: string[] = [];
    await registry('no-window', recordingJob(noWindow, 'x', { name: 'third' })).tick(at('2026-03-27', '10:00'));
    expect([...tooLate, ...noWindow]).toEqual([]);
  });

  it('runs every day passed when the virtual clock jumps, and skips days the job does not run on', async () => {
    const runs: string[] = [];
    const jobs = registry('i', recordingJob(runs, 'i', { runsOn: (date) => date !== '2026-03-28' }));
    await jobs.tick(at('2026-03-27', '08:00'));
    const outcomes = await jobs.tick(at('2026-03-29', '09:00'));
    expect(outcomes.map((o) => `${o.date}:${o.result}`)).toEqual(['2026-03-27:ran', '2026-03-28:not-today', '2026-03-29:ran']);
    expect((await temp.db.read.jobRun.findMany()).map((r) => r.key).sort()).toEqual(['morning-post:2026-03-27', 'morning-post:2026-03-29']);
  });

  it('gives the claim back when the job fails, so another instance can run it', async () => {
    const failing = registry('a', recordingJob([], 'a', { catchUpUntil: '17:45', run: async () => Promise.reject(new Error('boom')) }));
    expect((await failing.tick(at('2026-03-27', '09:00')))[0]!.result).toBe('failed');
    expect(await temp.db.read.jobRun.count()).toBe(0);
    const runs: string[] = [];
    await registry('b', recordingJob(runs, 'b', { catchUpUntil: '17:45' })).tick(at('2026-03-27', '09:05'));
    expect(runs).toEqual(['b:2026-03-27']);
  });

  it('refuses a bad time and a job registered twice', () => {
    const jobs = new DailyJobs({ claims: createJobClaims(temp.db), logger: silent, instanceId: 'i' });
    expect(() => jobs.register(recordingJob([], 'i', { at: '25:00' }))).toThrow('HH:MM');
    jobs.register(recordingJob([], 'i'));
    expect(() => jobs.register(recordingJob([], 'i'))).toThrow('registered twice');
  });
});

describe('scheduler', () => {
  it('ticks pollers with the jobs, and on the wall clock starts with a catch-up tick and stops cleanly', async () => {
    const runs: string[] = [];
    const polled: string[] = [];
    const jobs = registry('i', recordingJob(runs, 'i', { catchUpUntil: '17:45' }));
    const scheduler = new Scheduler(jobs, [{ name: 'timers', everyMs: 60_000, tick: async (now) => void polled.push(now.toISOString()) }], silent);
    const clock = new VirtualClock(at('2026-03-27', '10:00'));
    const outcomes = await scheduler.startWallClock(clock);
    const [next] = scheduler.nextWallClockRuns();
    await scheduler.stop();
    // node-schedule fires at 08:30 Asia/Tokyo whatever the process time zone (tests run with TZ=UTC).
    expect(next!.job).toBe('morning-post');
    expect(next!.at.toISOString().slice(11, 16)).toBe('23:30');
    expect(next!.at > new Date()).toBe(true);
    expect(scheduler.nextWallClockRuns()).toEqual([]);
    expect(outcomes.map((o) => o.result)).toEqual(['ran']);
    expect(runs).toEqual(['i:2026-03-27']);
    expect(polled).toEqual([clock.now().toISOString()]);
  });
});
