import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROCESS_SLACK_SECRET, slackWebApiStandIn, startBotProcess } from '../../support/bot-process.ts';
import { ALL_PLATFORMS_ENV, SLACK_SECRET, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { messageImEvent, postSigned } from '../../support/slack-requests.ts';
import {
  DM_CONVERSATION, SERVICE_HOST, blockNetwork, botFrameworkToken, nockOpenIdMetadata, nockTokenEndpoint, personalActivity, signingKey,
} from '../../support/teams-fixtures.ts';
import { answerWithin } from '../assembled/http-probe.ts';
import { until } from '../../support/until.ts';

/**
 * A full database under the bot `kaiheisen start` assembles, over real HTTP with signed Slack events: the event is
 * acknowledged only once it is committed. In-process, PRAGMA max_page_count on the connection the inbox writes with
 * refuses the page the insert needs. In a child process, a file-size limit (RLIMIT_FSIZE, set with prlimit) makes
 * the WAL write at commit fail as on a full disk: there `INSERT … RETURNING` read with `.get()` returned an id and
 * the commit was lost; the inbox's `.run()` steps to completion and sees the failure.
 */
let slack: ReturnType<typeof fakeSlackApi>;
let a: AssembledBot;
const trusted = signingKey('kid-full-disk');
const teamsSent: { conversation: string; body: string }[] = [];

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // Bolt and botbuilder print the failure; the status is asserted
  blockNetwork();
  nockOpenIdMetadata([trusted]);
  nockTokenEndpoint();
  nock(SERVICE_HOST)
    .persist()
    .post(/\/v3\/conversations\/[^/]+\/activities$/)
    .reply(201, (uri, body) => {
      teamsSent.push({ conversation: decodeURIComponent(uri.split('/conversations/')[1]!.split('/')[0]!), body: JSON.stringify(body) });
      return { id: `teams-activity-${teamsSent.length}` };
    });
  slack = fakeSlackApi(() => undefined);
  a = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '10:00' } });
}, 60_000);

afterAll(async () => {
  await a?.dispose();
  slack?.dispose();
  nock.enableNetConnect();
  vi.restoreAllMocks();
});

const textsTo = (channel: string) => (slack.messages.get(channel) ?? []).map((m) => m.text);


const fillUp = () => {
  const raw = sqliteOnly(a.ctx.db, 'この処理').rawConnection();
  raw.exec('VACUUM'); // drops the free pages an insert could reuse
  expect(raw.pragma('freelist_count', { simple: true })).toBe(0); // so the next new page is refused
  raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
};
const freeUp = () => sqliteOnly(a.ctx.db, 'この処理').rawConnection().pragma('max_page_count = 1073741823');

describe('a full disk while Slack delivers an event', () => {
  it('answers 5xx (Slack retries), alarms the admin; the retry after space is freed is stored and processed once', async () => {
    fillUp();
    // A message above one page (4 KiB), as a long note would be; still within Slack's own limit.
    const body = JSON.stringify(messageImEvent({ eventId: 'Ev0FULL0001', user: 'UW02', text: `残り ${'確認'.repeat(2_000)}` }));
    const url = `${a.base}/slack/events`;

    const refused = await postSigned(url, body, { secret: SLACK_SECRET });
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(await a.ctx.db.read.inboundEvent.count()).toBe(0);
    await until('the admin (w01) alarmed', () => textsTo('DUW01').some((t) => t.includes('データベースに書き込めない')));
    const again = await postSigned(url, body, { secret: SLACK_SECRET, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    expect(again.status).toBeGreaterThanOrEqual(500); // still full: still not acknowledged
    expect(textsTo('DUW01').filter((t) => t.includes('データベースに書き込めない'))).toHaveLength(1); // one alarm, not one per event

    freeUp();
    const retried = await postSigned(url, body, { secret: SLACK_SECRET, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } });
    expect(retried.status).toBe(200);
    await a.bot.inbox.drain();
    const answers = textsTo('DUW02');
    expect(answers.length).toBeGreaterThan(0);
    const late = await postSigned(url, body, { secret: SLACK_SECRET, headers: { 'x-slack-retry-num': '3', 'x-slack-retry-reason': 'timeout' } });
    expect(late.status).toBe(200); // a duplicate: acknowledged, not processed again
    await a.bot.inbox.drain();
    expect(textsTo('DUW02')).toEqual(answers);
    const rows = await a.ctx.db.read.inboundEvent.findMany({ select: { eventKey: true, state: true, attempts: true } });
    expect(rows).toEqual([{ eventKey: 'Ev0FULL0001', state: 'done', attempts: 1 }]);
  });
});

describe('a full disk while Teams delivers an activity', () => {
  it('answers 5xx (the Bot Connector redelivers); the redelivery after space is freed is stored and answered once', async () => {
    const activity = personalActivity({ text: `ヘルプ ${'確認'.repeat(2_000)}`, from: { id: '29:stranger', name: '試験 者', aadObjectId: 'aad-stranger-0001' } });
    const post = () =>
      answerWithin(`${a.base}/api/messages`, { headers: { 'content-type': 'application/json', authorization: `Bearer ${botFrameworkToken(trusted)}` }, body: JSON.stringify(activity) }, 3_000);
    const before = await a.ctx.db.read.inboundEvent.count();
    fillUp();
    try {
      expect((await post()).status).toBeGreaterThanOrEqual(500);
      expect(await a.ctx.db.read.inboundEvent.count()).toBe(before);
    } finally {
      freeUp();
    }
    expect((await post()).status).toBe(200);
    await a.bot.inbox.drain();
    expect((await post()).status).toBe(200); // redelivered again: a duplicate
    await a.bot.inbox.drain();
    expect(teamsSent.filter((s) => s.conversation === DM_CONVERSATION)).toHaveLength(1); // the stranger is told once
    expect(await a.ctx.db.read.inboundEvent.findFirstOrThrow({ where: { eventKey: activity.id! } })).toMatchObject({ state: 'done', attempts: 1 });
  });
});

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the disk full at commit time (child process `kaiheisen start`)', () => {
  it.skipIf(!hasPrlimit)('answers 5xx while the commit fails; the retry after space is freed is stored and processed once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-full-'));
    const stand = await slackWebApiStandIn();
    const bot = await startBotProcess({ databaseUrl: `file:${join(dir, 'bot.db')}`, slackApiUrl: stand.url });
    const url = `${bot.base}/slack/events`;
    const send = (eventId: string, text: string, retry?: number) =>
      postSigned(url, JSON.stringify(messageImEvent({ eventId, user: 'UW02', text })), {
        secret: PROCESS_SLACK_SECRET,
        headers: retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_error' } : {},
      });
    const observer = new BetterSqlite3(join(dir, 'bot.db'));
    try {
      expect((await send('Ev0WARM0001', 'ヘルプ')).status).toBe(200);
      await until('the bot answered', () => stand.textsTo('DUW02').length === 1);
      const stateOf = (key: string) => (observer.prepare(`SELECT "state" FROM "InboundEvent" WHERE "eventKey" = ?`).get(key) as { state: string } | undefined)?.state;
      await until('the first event done', () => stateOf('Ev0WARM0001') === 'done');
      // Empty the WAL: the next commit appends its first frame past the limit, as on a disk with no space left.
      expect(observer.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
      execFileSync('prlimit', ['--pid', String(bot.child.pid), '--fsize=1024:']);
      const refused = await send('Ev0FULL0002', 'さくら');
      expect(refused.status).toBeGreaterThanOrEqual(500);
      expect(bot.output()).toMatch(/inbound event not stored/);
      expect(bot.output()).not.toContain('さくら'); // the log names no message text
      execFileSync('prlimit', ['--pid', String(bot.child.pid), '--fsize=unlimited:']);
      expect((await send('Ev0FULL0002', 'さくら', 1)).status).toBe(200);
      await until('the retried event answered', () => stand.textsTo('DUW02').some((t) => t.includes('さくら'))).catch((e: Error) => {
        throw new Error(`${e.message}\n${bot.output()}`);
      });
      expect((await send('Ev0FULL0002', 'さくら', 2)).status).toBe(200);
      const rows = () => observer.prepare(`SELECT "eventKey", "state", "attempts" FROM "InboundEvent" ORDER BY "id"`).all();
      await until('every event done', () => (rows() as { state: string }[]).every((r) => r.state === 'done'));
      expect(rows()).toEqual([
        { eventKey: 'Ev0WARM0001', state: 'done', attempts: 1 },
        { eventKey: 'Ev0FULL0002', state: 'done', attempts: 1 },
      ]);
      expect(stand.textsTo('DUW02').filter((t) => t.includes('さくら'))).toHaveLength(1);
      expect(await bot.stop(), bot.output()).toBe(0);
    } finally {
      observer.close();
      await bot.stop();
      await stand.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
