import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startConfiguredBot } from '../../../src/assembly/start-configured.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';

let t: BotTestContext | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await t?.dispose();
  bot = t = undefined;
});

const piped = (...lines: string[]) => Readable.from(lines.map((l) => `${l}\n`));

async function consoleBot(date: string, time: string, o: { date?: string; input?: NodeJS.ReadableStream } = {}) {
  t = await botTestContext(date, time);
  const out: string[] = [];
  bot = await startConfiguredBot(t.ctx, { drivenClock: t.clock, wallClock: false, out: (s) => out.push(s), ...o });
  return { bot, out };
}

/** The worker the day's assignment gave an order to. */
async function workerOf(orderNo: string): Promise<string> {
  const order = await t!.ctx.db.read.workOrder.findUniqueOrThrow({ where: { orderNo }, include: { assignment: true } });
  return order.assignment!.personId;
}

describe('the console clock a person drives', () => {
  it('first start in the evening on an empty database: the next work day\'s morning with the examples, and a result for 0012 recorded', async () => {
    const { bot, out } = await consoleBot('2026-03-27', '19:00');
    expect(bot.placement).toMatchObject({ kind: 'nextWorkDay', date: '2026-03-28' });
    expect(t!.clock.now()).toEqual(tokyoInstant('2026-03-28', '07:55'));
    expect(out.join('')).toContain('(2026-03-28 の作業として)');
    expect(out.join('')).toContain('次の業務日の朝から始めます。コンソールの時計を 2026年3月28日(土) 07:55 に合わせました。');
    expect(out.join('')).toContain('「/next」で次の定時処理まで進める');
    expect(await t!.ctx.db.read.workOrder.count({ where: { scheduledDate: '2026-03-28', result: null } })).toBe(40);

    const passed = await bot.clock!.advanceTo(tokyoInstant('2026-03-28', '09:10'));
    expect(passed.map((e) => e.name)).toEqual(expect.arrayContaining(['morning-post', 'id-card-reminder']));
    expect(passed[0]).toMatchObject({ name: 'assign-day', at: tokyoInstant('2026-03-28', '08:00') });
    expect(passed[1]).toMatchObject({ name: 'morning-post', at: tokyoInstant('2026-03-28', '08:30') });
    const session = bot.console!.session.as(await workerOf('20260328-0012'));
    expect(session.inbox().map((m) => m.text).join('\n')).toContain('3月28日(土) の作業');
    await session.say('0012 閉栓済 ピン交換 指針3720');
    await session.say('はい');
    await session.say('在宅 了解済');
    const done = await session.say('なし');
    expect(done.map((d) => d.text).join('\n')).toContain('結果を記録しました。');
    const result = await t!.ctx.db.read.taskResult.findFirst({ where: { workOrder: { orderNo: '20260328-0012' } } });
    expect(result).toMatchObject({ outcome: 'done', reading: 3720 });
  });

  it('/time shows and moves the clock, running the morning post on the way; /next hits the next job; going back is refused', async () => {
    const input = piped('/time', '/next', '/next', '/time 08:00', '/time 2026-03-27 09:05', '/time 25:00', '/help', '/quit');
    const { bot, out } = await consoleBot('2026-03-27', '07:00', { input });
    await bot.done;
    const text = out.join('');
    expect(bot.placement).toMatchObject({ kind: 'morning', date: '2026-03-27' });
    expect(text).toContain('始業前のため、コンソールの時計を今朝 2026年3月27日(金) 07:55 に合わせました。');
    expect(text).toContain('現在の時刻 (コンソールの時計): 2026年3月27日(金) 07:55');
    expect(text).toContain('次の予定まで時計を進めます: 2026年3月27日(金) 08:00 定時処理 振り分け');
    const next = text.indexOf('次の予定まで時計を進めます: 2026年3月27日(金) 08:30 定時処理 朝の配信');
    expect(next).toBeGreaterThan(0);
    expect(text.indexOf('■ 3月27日(金) 作業者配置・業務責任者')).toBeGreaterThan(0);
    expect(text).toContain('時計は戻せません (現在 2026年3月27日(金) 08:30、指定 2026年3月27日(金) 08:00)');
    expect(text).toContain('時計を 2026年3月27日(金) 09:05 に進めました。\n途中で実行した処理:\n  2026年3月27日(金) 09:00 定時処理 身分証明書の確認');
    expect(text).toContain('「/time 08:25」または「/time 2026-03-30 08:25」の形式で指定してください。');
    expect(text).toContain('/next             次の定時処理');
    expect((await t!.ctx.db.read.jobRun.findMany()).map((r) => r.key).sort()).toEqual(['assign-day:2026-03-27', 'id-card-reminder:2026-03-27', 'morning-post:2026-03-27']);
    expect(t!.clock.now()).toEqual(tokyoInstant('2026-03-27', '09:05'));
  });

  it('/time across days runs each day\'s jobs at their own time, in order', async () => {
    const { bot } = await consoleBot('2026-03-27', '07:00');
    const passed = await bot.clock!.advanceTo(tokyoInstant('2026-03-28', '08:40'));
    const jobs = passed.filter((e) => e.kind === 'job').map((e) => `${e.name}@${e.at.toISOString()}`);
    expect(jobs[0]).toBe(`assign-day@${tokyoInstant('2026-03-27', '08:00').toISOString()}`);
    expect(jobs[1]).toBe(`morning-post@${tokyoInstant('2026-03-27', '08:30').toISOString()}`);
    expect(jobs.at(-1)).toBe(`morning-post@${tokyoInstant('2026-03-28', '08:30').toISOString()}`);
    const times = passed.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(await t!.ctx.db.read.jobRun.count({ where: { key: 'daily-report:2026-03-27' } })).toBe(1);
  });

  it('start --date D: the clock at the morning of D, the examples moved to D; a closed day names the next work day', async () => {
    const { bot: started, out } = await consoleBot('2026-03-27', '15:00', { date: '2026-04-02' });
    expect(started.placement).toMatchObject({ kind: 'date', date: '2026-04-02' });
    expect(t!.clock.now()).toEqual(tokyoInstant('2026-04-02', '07:55'));
    expect(out.join('')).toContain('コンソールの時計を 2026年4月2日(木) 07:55 (朝) に合わせました。');
    expect(await t!.ctx.db.read.workOrder.count({ where: { scheduledDate: '2026-04-02' } })).toBe(40);
    await started.stop();
    bot = undefined;
    await expect(startConfiguredBot(t!.ctx, { drivenClock: t!.clock, wallClock: false, out: () => {}, date: '2026-12-31' })).rejects.toThrow(
      '2026-12-31 (12月31日(木)) は業務日ではありません。次の業務日は 2027-01-04 (1月4日(月)) です',
    );
  });

  it('start --date D on a database whose clock is days earlier: every job and timer on the way runs at its time, then D\'s morning', async () => {
    const first = await consoleBot('2026-03-27', '19:00');
    await first.bot.clock!.advanceTo(tokyoInstant('2026-03-28', '09:01'));
    await first.bot.stop();
    bot = undefined;
    const later = await botTestContext('2026-03-28', '09:01', t!.url);
    try {
      const out: string[] = [];
      const again = await startConfiguredBot(later.ctx, { drivenClock: later.clock, wallClock: false, out: (s) => out.push(s), date: '2026-03-31' });
      expect(again.placement).toMatchObject({ kind: 'date', date: '2026-03-31', from: tokyoInstant('2026-03-28', '09:01') });
      expect(later.clock.now()).toEqual(tokyoInstant('2026-03-31', '07:55'));
      for (const key of ['daily-report:2026-03-28', 'assign-day:2026-03-30', 'morning-post:2026-03-30', 'daily-report:2026-03-30']) {
        expect(await later.ctx.db.read.jobRun.count({ where: { key } }), key).toBe(1);
      }
      expect(await later.ctx.db.read.jobRun.count({ where: { key: 'morning-post:2026-03-31' } })).toBe(0);
      const text = out.join('');
      expect(text).toContain('コンソールの時計を前回の続き 2026年3月28日(土) 09:01 から 3月31日(火) の朝 2026年3月31日(火) 07:55 まで進めます。');
      expect(text).toContain('時計を 2026年3月31日(火) 07:55 に進めました。\n途中で実行した処理:\n');
      await again.stop();
    } finally {
      await later.dispose();
    }
  });

  it('a restart in the evening resumes where the clock was; --date of an earlier day is refused', async () => {
    const first = await consoleBot('2026-03-27', '19:00');
    await first.bot.clock!.advanceTo(tokyoInstant('2026-03-28', '10:00'));
    await first.bot.stop();
    bot = undefined;
    const later = await botTestContext('2026-03-27', '19:30', t!.url);
    try {
      const again = await startConfiguredBot(later.ctx, { drivenClock: later.clock, wallClock: false, out: () => {} });
      expect(again.placement).toMatchObject({ kind: 'resume', date: '2026-03-28' });
      expect(later.clock.now()).toEqual(tokyoInstant('2026-03-28', '10:00'));
      await again.stop();
      await expect(startConfiguredBot(later.ctx, { drivenClock: later.clock, wallClock: false, out: () => {}, date: '2026-03-27' })).rejects.toThrow(
        'このデータベースのコンソールの時計はすでに 2026年3月28日(土) 10:00 まで進んでいるため、2026-03-27 には戻せません。',
      );
    } finally {
      await later.dispose();
    }
  });
});
