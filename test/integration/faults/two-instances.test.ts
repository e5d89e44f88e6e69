import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_PLATFORMS_ENV, SLACK_SECRET, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { PROCESS_SLACK_SECRET, slackWebApiStandIn, startBotProcess, type BotProcess, type SlackStandIn } from '../../support/bot-process.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { messageImEvent, postSigned } from '../../support/slack-requests.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';
import { until } from '../../support/until.ts';

/**
 * Two instances of the bot on one SQLite file, a worker's events alternating between them: each event is processed
 * once, by whichever instance may take it, and the worker's answers come back in the order the events were sent.
 */
const WORDS = ['さくら', 'もみじ', 'つばき', 'あやめ', 'ききょう', 'ぼたん', 'すすき', 'なでしこ'];
const hintOf = (text: string) => /「(.+?)」は読み取れませんでした/.exec(text)?.[1];
/**
 * Which instance receives the i-th event: they alternate in runs of two (A A B B A A B B), so an instance that worked
 * on its own events as they came would answer B's first event before A's second, out of order.
 */
const receiverOf = (i: number) => Math.floor(i / 2) % 2;


const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('two instances in one process (startAssembledBot twice on one file)', () => {
  it("takes each event once and keeps the worker's order, whichever instance received it", async () => {
    blockNetwork();
    const slack = fakeSlackApi(() => undefined);
    cleanups.push(() => (slack.dispose(), nock.enableNetConnect()));
    const a = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '10:00' }, instanceId: 'inst-a' });
    cleanups.push(() => a.dispose());
    const b = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '10:00' }, instanceId: 'inst-b', databaseUrl: a.databaseUrl });
    cleanups.push(() => b.stop());
    const bots: AssembledBot[] = [a, b];
    for (const [i, word] of WORDS.entries()) {
      const res = await postSigned(`${bots[receiverOf(i)]!.base}/slack/events`, JSON.stringify(messageImEvent({ eventId: `Ev0TWO${i}`, user: 'UW02', text: word })), { secret: SLACK_SECRET });
      expect(res.status).toBe(200);
    }
    const answered = () => (slack.messages.get('DUW02') ?? []).map((m) => hintOf(m.text)).filter(Boolean);
    await until('every event answered', async () => {
      for (const bot of bots) await bot.bot.tick(bot.clock!.now()); // the pollers: events the other instance stored
      return answered().length === WORDS.length;
    });
    await Promise.all(bots.map((x) => x.bot.inbox.drain()));
    expect(answered()).toEqual(WORDS);
    const rows = await a.ctx.db.read.inboundEvent.findMany({ orderBy: { id: 'asc' }, select: { state: true, attempts: true, claimedBy: true } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual(WORDS.map(() => ['done', 1]));
    expect(rows.every((r) => r.claimedBy === 'inst-a' || r.claimedBy === 'inst-b')).toBe(true);
  }, 60_000);
});

describe('two real processes (`kaiheisen start` twice on one file) and a slow platform', () => {
  it("answers every event once, in the order the worker sent them, while the events alternate between the processes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-two-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stand: SlackStandIn = await slackWebApiStandIn({ postDelayMs: 300 });
    cleanups.push(() => stand.close());
    const databaseUrl = `file:${join(dir, 'bot.db')}`;
    const first: BotProcess = await startBotProcess({ databaseUrl, slackApiUrl: stand.url });
    cleanups.push(async () => void (await first.stop()));
    const second: BotProcess = await startBotProcess({ databaseUrl, slackApiUrl: stand.url }); // after the first loaded the examples
    cleanups.push(async () => void (await second.stop()));
    const processes = [first, second];
    for (const [i, word] of WORDS.entries()) {
      const body = JSON.stringify(messageImEvent({ eventId: `Ev0PROC${i}`, user: 'UW02', text: word }));
      expect((await postSigned(`${processes[receiverOf(i)]!.base}/slack/events`, body, { secret: PROCESS_SLACK_SECRET })).status).toBe(200);
    }
    const answered = () => stand.textsTo('DUW02').map(hintOf).filter(Boolean);
    await until('every event answered', () => answered().length >= WORDS.length, 30_000);
    const observer = new BetterSqlite3(join(dir, 'bot.db'), { readonly: true });
    cleanups.push(() => void observer.close());
    const rows = () => observer.prepare(`SELECT "state", "attempts", "claimedBy" FROM "InboundEvent" WHERE "eventKey" LIKE 'Ev0PROC%' ORDER BY "id"`).all() as { state: string; attempts: number; claimedBy: string }[];
    await until('every event marked done', () => rows().every((r) => r.state === 'done'));
    expect(answered()).toEqual(WORDS);
    expect(rows().map((r) => [r.state, r.attempts])).toEqual(WORDS.map(() => ['done', 1]));
    for (const p of processes) {
      expect(await p.stop(), p.output()).toBe(0);
      expect(p.output()).not.toMatch(/"level":"error"/);
    }
  }, 120_000);
});
