import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { ALL_PLATFORMS_ENV, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { outageSlackApi } from '../../support/outage-slack-api.ts';

const DATE = '2026-03-27';
const JOB = `morning-post:${DATE}`;
const OUTAGE_FROM = tokyoInstant(DATE, '08:30');
const OUTAGE_UNTIL = new Date(OUTAGE_FROM.getTime() + 60_000);

let bot: AssembledBot | undefined;
let slack: ReturnType<typeof outageSlackApi> | undefined;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  await bot?.dispose();
  slack?.dispose();
  bot = slack = undefined;
});

/** The Slack stand-in answers 500 to every call for 60 virtual seconds from 08:30. */
function slackDownFor60s() {
  return outageSlackApi({ down: () => bot?.clock !== undefined && bot.clock.now() >= OUTAGE_FROM && bot.clock.now() < OUTAGE_UNTIL });
}

/** Moves the virtual clock in 5-second steps, ticking the scheduler (jobs and pollers, the delivery sender too) at each. */
async function runUntil(b: AssembledBot, hhmmss: string): Promise<void> {
  const [h, m, s] = hhmmss.split(':').map(Number) as [number, number, number];
  const end = tokyoInstant(DATE, `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`).getTime() + s * 1000;
  while (b.clock!.now().getTime() < end) {
    b.clock!.set(new Date(Math.min(end, b.clock!.now().getTime() + 5_000)));
    await b.bot.tick(b.clock!.now());
  }
}

/** Nothing is due between the start at 08:00 and the morning post: the clock jumps there with one tick. */
async function jumpTo(b: AssembledBot, hhmmss: string): Promise<void> {
  const [h, m, s] = hhmmss.split(':') as [string, string, string];
  b.clock!.set(new Date(tokyoInstant(DATE, `${h}:${m}`).getTime() + Number(s) * 1000));
  await b.bot.tick(b.clock!.now());
}

const start = (sleeps: number[], time = '08:00') =>
  startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: DATE, time }, instanceId: `bot-${time}`, sleep: async (ms) => void sleeps.push(ms) });

/** What the morning post must have put in Slack: one message per view key, per channel, exactly once. */
async function expectEveryMorningMessageOnce(b: AssembledBot, api: ReturnType<typeof outageSlackApi>) {
  const rows = await b.ctx.db.read.delivery.findMany({ where: { jobKey: JOB }, orderBy: { id: 'asc' } });
  const views = rows.map((r) => JSON.parse(r.view) as { key: string });
  expect(views.some((v) => v.key === `day:${DATE}:bureau`)).toBe(true);
  for (const worker of ['w02', 'w03', 'w04', 'w05', 'w06']) expect(views.some((v) => v.key.startsWith(`day:${DATE}:${worker}`))).toBe(true);
  expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'sent'));
  // Each delivery is one chat.postMessage in its channel, and nothing else was posted but the supervisor's plan card
  // of the 08:00 assignment run (before the outage), once.
  const all = [...api.messages].flatMap(([channel, list]) => list.map((m) => `${channel} ${m.key}`)).sort();
  const posted = all.filter((p) => !p.includes(` assign:${DATE}`));
  expect(all.length - posted.length).toBe(1);
  const expected = rows.map((r, i) => `${r.messageRef!.split(':')[0]} ${views[i]!.key}#0`).sort();
  expect(posted).toEqual(expected);
  expect(api.counts.postMessage).toBe(rows.length + 1);
  expect(api.duplicates()).toEqual([]);
  expect(posted.filter((p) => p.includes(`day:${DATE}:bureau`))).toHaveLength(1);
}

describe('the assembled bot (Slack + Teams + webhook) when Slack answers 5xx for 60 s from 08:30', () => {
  it('delivers every morning message exactly once after Slack recovers; the job ran once, its messages were retried', async () => {
    const sleeps: number[] = [];
    slack = slackDownFor60s();
    bot = await start(sleeps);
    await bot.bot.tick(bot.clock!.now());
    await jumpTo(bot, '08:29:30');
    await runUntil(bot, '08:30:00');
    const job = await bot.ctx.db.read.jobRun.findMany({ where: { key: JOB } });
    expect(job).toHaveLength(1); // done once all its deliveries were written …
    const written = await bot.ctx.db.read.delivery.findMany({ where: { jobKey: JOB } });
    expect(written.length).toBeGreaterThanOrEqual(6);
    expect(written.every((d) => d.state === 'pending' && d.attempts === 1)).toBe(true); // … none of them sent yet
    expect(slack.counts.refused).toBeGreaterThan(0);
    expect(sleeps.length).toBeGreaterThan(0); // the adapter backed off without waiting on the wall clock

    // Retries at 08:30:05, :20, :50 fail; the one at 08:31:50 (backoff 60 s) goes through.
    await runUntil(bot, '08:32:30');
    await expectEveryMorningMessageOnce(bot, slack);
    const sent = await bot.ctx.db.read.delivery.findMany({ where: { jobKey: JOB } });
    expect(Math.max(...sent.map((d) => d.attempts))).toBeGreaterThan(2); // retried through the outage (5 s, 15 s, 30 s …)
    expect(sent.every((d) => d.sentAt! >= OUTAGE_UNTIL)).toBe(true);
    expect(await bot.ctx.db.read.delivery.count({ where: { state: { not: 'sent' } } })).toBe(0);

    // Nothing is sent again later, and the day's job does not run twice.
    const before = slack.counts.postMessage;
    await runUntil(bot, '08:40:00');
    expect(slack.counts.postMessage).toBe(before);
  });

  it('loses nothing and duplicates nothing when the bot restarts in the middle of the outage', async () => {
    const sleeps: number[] = [];
    slack = slackDownFor60s();
    bot = await start(sleeps);
    await bot.bot.tick(bot.clock!.now());
    await jumpTo(bot, '08:29:30');
    await runUntil(bot, '08:30:20');
    expect(await bot.ctx.db.read.delivery.count({ where: { jobKey: JOB, state: 'pending' } })).toBeGreaterThanOrEqual(6);

    bot = await bot.restart({ at: { date: DATE, time: '08:30' }, instanceId: 'bot-restarted' });
    bot.clock!.set(new Date(OUTAGE_FROM.getTime() + 25_000));
    const outcomes = await bot.bot.tick(bot.clock!.now());
    expect(outcomes.find((o) => o.job === 'morning-post')?.result).toBe('claimed-elsewhere');
    await runUntil(bot, '08:32:00');
    await expectEveryMorningMessageOnce(bot, slack);
    expect(await bot.ctx.db.read.jobRun.count({ where: { key: JOB } })).toBe(1);
  });

  it('finds a post Slack kept while its answer was lost (500) on a later attempt, instead of posting it again', async () => {
    const inWindow = () => bot?.clock !== undefined && bot.clock.now() >= OUTAGE_FROM && bot.clock.now() < OUTAGE_UNTIL;
    // The first post of the outage is kept by Slack but answered 500; every call after it fails, the look-up too.
    slack = outageSlackApi({ down: () => inWindow() && slack!.counts.postMessage > 0, postedButFailed: () => inWindow() });
    bot = await start([]);
    await bot.bot.tick(bot.clock!.now());
    await jumpTo(bot, '08:29:30');
    await runUntil(bot, '08:30:00');
    expect(slack.counts.postMessage).toBe(1);
    expect(await bot.ctx.db.read.delivery.count({ where: { jobKey: JOB, state: 'pending' } })).toBeGreaterThanOrEqual(6);
    await runUntil(bot, '08:32:30');
    await expectEveryMorningMessageOnce(bot, slack);
    expect(slack.counts.history).toBeGreaterThan(0);
  });
});
