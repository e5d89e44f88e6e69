import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { sqliteOnly } from '../../src/adapters/db/sqlite/sqlite-database.ts';
import { startBot } from '../../src/assembly/assemble-bot.ts';
import { register } from '../../src/cli/commands/schedule.ts';
import { runCommand, testContext } from '../support/command-runner.ts';
import { loadConfig } from '../../src/config.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

interface Work {
  dailyJobs: { name: string; at: string; feature: string }[];
  pollers: { name: string; everySeconds: number }[];
  timerKinds: { kind: string; feature: string; wait: string | null }[];
}

describe('kaiheisen schedule', () => {
  it('lists what the assembled bot runs by itself: its daily jobs, pollers and timer kinds, and writes nothing', async () => {
    temp = await tempDatabase();
    const ctx = testContext(temp.db, new VirtualClock(new Date('2026-03-27T00:00:00Z')));
    const run = await runCommand(register, ['schedule', '--json'], ctx);
    expect(run.code, run.err).toBe(0);
    const work = JSON.parse(run.out) as Work;
    // The same features `kaiheisen start` assembles.
    const bot = await startBot(ctx, { out: () => {}, wallClock: false, loadExamples: false, date: '2026-03-27' });
    try {
      expect(work.dailyJobs.map((j) => j.name).sort()).toEqual(bot.features.flatMap((f) => (f.dailyJobs ?? []).map((j) => j.name)).sort());
      expect(work.timerKinds.map((k) => k.kind).sort()).toEqual(bot.features.flatMap((f) => Object.keys(f.timers ?? {})).sort());
    } finally {
      await bot.stop();
    }
    expect(work.dailyJobs).toContainEqual({ feature: 'morning-post', name: 'morning-post', at: '08:30', catchUpUntil: '17:45' });
    expect(work.dailyJobs.map((j) => j.at)).toEqual([...work.dailyJobs.map((j) => j.at)].sort());
    expect(work.pollers).toContainEqual({ feature: 'timers', name: 'durable-timers', everySeconds: 5 });
    expect(work.timerKinds).toContainEqual({ feature: 'complaints', kind: 'complaint.page', wait: expect.stringContaining('10 分以内に応答しなければ次の当番へ') });
    expect(work.timerKinds.filter((k) => !k.wait)).toEqual([]);
    // The unapproved daily report is reminded by a durable timer per round, not by a poller.
    expect(work.timerKinds).toContainEqual({ feature: 'day-end', kind: 'daily.remind', wait: '日報の作成から 30 分ごとに承認を催促 (最大 3 回)' });
    expect(work.pollers.map((p) => p.name)).not.toContain('daily-report-remind');
    expect(await temp.db.read.auditLog.count()).toBe(0);
    expect(await temp.db.read.delivery.count()).toBe(0);

    const text = await runCommand(register, ['schedule'], ctx);
    expect(text.out).toContain('08:30  朝の配信 (morning-post、morning-post)');
    expect(text.out).toContain('08:00  振り分け (assign-day、assignment)');
    // Every job, poller and timer kind has a Japanese label: each line starts with one, the code name in parentheses.
    const names = [...work.dailyJobs.map((j) => j.name), ...work.pollers.map((p) => p.name), ...work.timerKinds.map((k) => k.kind)];
    for (const name of names) expect(text.out).toMatch(new RegExp(`  [^ (a-z]+ \\(${name.replace('.', '\\.')}、`));
    expect(text.out).toContain('■ 待ち時間の後に実行する処理');
    // The waits as configured: a changed setting shows.
    const base = testContext(temp.db, new VirtualClock(new Date('2026-03-27T00:00:00Z')));
    const changed = { ...base, config: loadConfig({ DATABASE_URL: `file:${sqliteOnly(temp.db, 'この処理').path}`, KAIHEISEN_LOG_LEVEL: 'silent', COMPLAINT_ACK_TIMEOUT_MINUTES: '15', DAILY_REPORT_REMIND_MINUTES: '45' }) };
    const configured = await runCommand(register, ['schedule'], changed);
    expect(configured.out).toContain('苦情の当番呼出 (complaint.page、complaints): 当番が 15 分以内に応答しなければ次の当番へ');
    expect(configured.out).toContain('日報承認の催促 (daily.remind、day-end): 日報の作成から 45 分ごとに承認を催促');
  });
});
