import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { loadConfig } from '../../../src/config.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { DAY, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** The console bot as `kaiheisen start --console` builds it, on a virtual clock; w01 is the day's 業務責任者. */
async function startAt(date: string, time: string, env: Record<string, string> = {}): Promise<{ bot: Bot; clock: VirtualClock }> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  const clock = new VirtualClock(tokyoInstant(date, time));
  // The files folder: the database's own on SQLite, and the one PostgreSQL needs to save files at all.
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_SHARED_DIR: temp.dir, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false', ...env });
  const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const started = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot', out: () => undefined });
  await started.tick(clock.now());
  return { bot: started, clock };
}

async function moveTo(b: Bot, clock: VirtualClock, date: string, time: string) {
  clock.set(tokyoInstant(date, time));
  return b.tick(clock.now());
}

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const monthlyRuns = (outcomes: { job: string; date: string; result: string }[]) => outcomes.filter((o) => o.job === 'monthly-report');
const pathAfter = (lines: string[], prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length);

describe('the monthly report job', () => {
  it('sends the previous month on the first work day at 09:00 to the supervisor and the bureau channel, once', async () => {
    const started = await startAt('2026-04-01', '08:00');
    bot = started.bot;
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-01', '08:59'))).toEqual([]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-01', '09:00'))).toEqual([{ job: 'monthly-report', date: '2026-04-01', result: 'ran' }]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-01', '09:05'))).toEqual([]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-02', '09:00'))).toEqual([{ job: 'monthly-report', date: '2026-04-02', result: 'not-today' }]);

    for (const who of ['w01', '#bureau']) {
      const lines = texts(bot, who);
      const pdfPath = pathAfter(lines, '令和8年3月分の月報 PDF を保存しました: ');
      const csvPath = pathAfter(lines, '令和8年3月分の月報 CSV を保存しました: ');
      expect(pdfPath).toMatch(/monthly-2026-03\.pdf$/);
      expect(csvPath).toMatch(/monthly-2026-03\.csv$/);
      expect(lines.filter((l) => l.includes('の月報 PDF を保存しました'))).toHaveLength(1);
      expect(await pdfText(new Uint8Array(readFileSync(pdfPath!)))).toContain('令和8年3月分');
      expect(readFileSync(csvPath!, 'utf8').length).toBeGreaterThan(10);
      // 材料受払簿 (別表2) goes with it, once.
      const consumablesPdf = pathAfter(lines, '令和8年3月分の材料受払簿 PDF を保存しました: ');
      expect(consumablesPdf).toMatch(/consumables-2026-03\.pdf$/);
      expect(lines.filter((l) => l.includes('の材料受払簿 PDF を保存しました'))).toHaveLength(1);
      expect(await pdfText(new Uint8Array(readFileSync(consumablesPdf!)))).toContain('材料受払簿');
      expect(readFileSync(pathAfter(lines, '令和8年3月分の材料受払簿 CSV を保存しました: ')!, 'utf8')).toContain('休止用ピン');
      // March ends the fiscal year: its 別表1 (令和7年度, 2025-04 … 2026-03) goes with it, once.
      const annual = lines.filter((l) => l.includes('の年間集計表 PDF を保存しました'));
      expect(annual).toHaveLength(1);
      expect(annual[0]).toMatch(/^令和7年度.*annual-2025\.pdf$/u);
      expect(await pdfText(new Uint8Array(readFileSync(annual[0]!.split(': ')[1]!)))).toContain('年間集計表');
    }
    expect(texts(bot, 'w02').join('\n')).not.toContain('月報');
    const stored = await temp.db.read.report.findMany({ where: { kind: 'monthly' } });
    expect(stored.map((r) => r.period)).toEqual(['2026-03']);
  });

  it('does not run on the other days of the month', async () => {
    const started = await startAt('2026-04-30', '08:00');
    bot = started.bot;
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-30', '09:00'))).toEqual([{ job: 'monthly-report', date: '2026-04-30', result: 'not-today' }]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-05-01', '09:00'))).toEqual([{ job: 'monthly-report', date: '2026-05-01', result: 'ran' }]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-05-02', '09:00'))).toEqual([{ job: 'monthly-report', date: '2026-05-02', result: 'not-today' }]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-05-07', '09:00')).map((o) => o.result)).toEqual(['not-today', 'not-today', 'not-today', 'not-today', 'not-today']);
    expect(texts(bot, '#bureau').join('\n')).toContain('令和8年4月分の月報 PDF を保存しました');
    expect(texts(bot, '#bureau').join('\n')).not.toContain('年間集計表'); // only with March's
    expect(await temp.db.read.report.count({ where: { kind: 'monthly' } })).toBe(1);
  });

  it('waits past the closed 1/1–1/3 and sends December on 2027-01-04', async () => {
    const started = await startAt('2026-12-31', '18:00');
    bot = started.bot;
    for (const date of ['2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(monthlyRuns(await moveTo(bot, started.clock, date, '09:00'))).toEqual([{ job: 'monthly-report', date, result: 'not-today' }]);
    }
    expect(monthlyRuns(await moveTo(bot, started.clock, '2027-01-04', '09:00'))).toEqual([{ job: 'monthly-report', date: '2027-01-04', result: 'ran' }]);
    const pdfPath = pathAfter(texts(bot, '#bureau'), '令和8年12月分の月報 PDF を保存しました: ');
    expect(await pdfText(new Uint8Array(readFileSync(pdfPath!)))).toContain('令和8年12月分');
    expect(texts(bot, 'w01').some((l) => l.startsWith('令和8年12月分の月報 CSV を保存しました: '))).toBe(true);
  });

  it('runs at MONTHLY_REPORT_TIME', async () => {
    const started = await startAt('2026-04-01', '08:00', { MONTHLY_REPORT_TIME: '10:30' });
    bot = started.bot;
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-01', '10:29'))).toEqual([]);
    expect(monthlyRuns(await moveTo(bot, started.clock, '2026-04-01', '10:30')).map((o) => o.result)).toEqual(['ran']);
  });
});

describe('the staffing documents with the morning post', () => {
  const prefix = '令和8年3月27日（金）の配置書類 PDF を保存しました: ';

  it('with POST_STAFFING_DOCUMENTS=true, the bureau channel gets the day\'s staffing PDF after the morning post', async () => {
    const started = await startAt(DAY, '08:00', { POST_STAFFING_DOCUMENTS: 'true' });
    bot = started.bot;
    const outcomes = await moveTo(bot, started.clock, DAY, '08:30');
    expect(outcomes.filter((o) => o.job === 'morning-post').map((o) => o.result)).toEqual(['ran']);
    const pdfPath = pathAfter(texts(bot, '#bureau'), prefix);
    expect(pdfPath).toMatch(/staffing-2026-03-27\.pdf$/);
    expect(existsSync(pdfPath!)).toBe(true);
    const text = await pdfText(new Uint8Array(readFileSync(pdfPath!)));
    expect(text).toContain('業務責任者選任届');
    expect(text).toContain('架空 太郎');
    expect(await temp.db.read.report.count({ where: { kind: 'staffing', period: DAY } })).toBe(1);
  });

  it('by default, the morning post sends no staffing PDF', async () => {
    const started = await startAt(DAY, '08:00');
    bot = started.bot;
    const outcomes = await moveTo(bot, started.clock, DAY, '08:30');
    expect(outcomes.filter((o) => o.job === 'morning-post').map((o) => o.result)).toEqual(['ran']);
    expect(texts(bot, '#bureau').some((l) => l.includes('配置書類'))).toBe(false);
    expect(await temp.db.read.report.count({ where: { kind: 'staffing' } })).toBe(0);
  });
});
