import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RouteModule } from '../../../src/application/chat/routes/index.ts';
import { register as registerEvents } from '../../../src/cli/commands/events.ts';
import { register as registerStatus } from '../../../src/cli/commands/status.ts';
import { t } from '../../../src/templates.ts';
import { ALL_PLATFORMS_ENV, SLACK_SECRET, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { runCommand } from '../../support/command-runner.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { messageImEvent, postSigned } from '../../support/slack-requests.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';
import { until } from '../../support/until.ts';
import { asOperator } from '../../support/operator.ts';

/**
 * A poison message through the bot `kaiheisen start` assembles (startConfiguredBot): a route module that never
 * finishes for one text. Whether the process dies on it at every start or it overruns its time budget, it is parked
 * after 3 attempts (sender told, admin alerted, shown by `status` and `events list`), and the events behind it go on.
 */
const POISON = 'どくいり';
let poisonous = true;
let poisonEntered = 0;
const poisonRoute: RouteModule = {
  name: 'poison (test fault)',
  // The earliest hook a module has: before the message is recognised.
  replays: async (turn) => {
    const p = turn.envelope.payload;
    if (p.type !== 'text' || p.text !== POISON || !poisonous) return false;
    poisonEntered++;
    return new Promise<boolean>(() => undefined); // never finishes
  },
};

let slack: ReturnType<typeof fakeSlackApi>;
let dbDir: string | undefined;
beforeEach(() => {
  blockNetwork();
  slack = fakeSlackApi(() => undefined);
  poisonous = true;
  poisonEntered = 0;
});
afterEach(() => {
  slack.dispose();
  nock.enableNetConnect();
  if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  dbDir = undefined;
});

const textsTo = (channel: string) => (slack.messages.get(channel) ?? []).map((m) => m.text);
const send = (bot: AssembledBot, eventId: string, user: string, text: string) =>
  postSigned(`${bot.base}/slack/events`, JSON.stringify(messageImEvent({ eventId, user, text })), { secret: SLACK_SECRET });


const start = (at: string, databaseUrl?: string, env: Record<string, string> = {}) =>
  startAssembledBot({ env: { ...ALL_PLATFORMS_ENV, ...env }, at: { date: '2026-03-27', time: at }, extraRoutes: [poisonRoute], databaseUrl });

/** The process dies while the poison runs: nothing is finished or released, the database is simply closed. */
async function crash(bot: AssembledBot): Promise<void> {
  void bot.bot.stop(); // closes the HTTP server; its wait for the poison never ends
  await bot.ctx.close();
}

const poisonRow = (bot: AssembledBot) => bot.ctx.db.read.inboundEvent.findFirstOrThrow({ where: { eventKey: 'Ev0POISON01' } });
const parkedSender = (channel: string) => textsTo(channel).filter((x) => x.includes('保留にしました。管理者に連絡済み'));
const parkedAdmin = () => textsTo('DUW01').filter((x) => x.includes('【要対応】'));

describe('a message that kills the process at every start', () => {
  it('is parked after 3 starts; the sender and an admin hear it once; the messages behind it are answered', async () => {
    // A long budget: the parking here comes from the interrupted attempts alone.
    const env = { INBOX_TIME_BUDGET_SECONDS: '600' };
    let bot = await start('10:00', undefined, env);
    dbDir = dirname(bot.databaseUrl.slice('file:'.length));
    expect((await send(bot, 'Ev0POISON01', 'UW02', POISON)).status).toBe(200);
    expect((await send(bot, 'Ev0LATER001', 'UW02', 'さくら')).status).toBe(200); // the same sender, behind the poison
    await until('first attempt', () => poisonEntered === 1);
    for (const [n, at] of [[2, '10:15'], [3, '10:30']] as const) {
      await crash(bot);
      bot = await start(at, bot.databaseUrl, env); // the dead instance's lease (budget + 15 s) ran out
      await until(`attempt ${n}`, () => poisonEntered === n);
      expect((await poisonRow(bot)).attempts).toBe(n);
      expect(textsTo('DUW02').some((x) => x.includes('さくら'))).toBe(false); // still behind it, in order
    }
    await crash(bot);
    bot = await start('10:45', bot.databaseUrl, env);
    await bot.bot.inbox.drain();
    expect(poisonEntered).toBe(3); // not run a fourth time
    expect(await poisonRow(bot)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(parkedSender('DUW02')).toHaveLength(1);
    expect(parkedAdmin()).toHaveLength(1);
    expect(parkedAdmin()[0]).toContain('w02');
    expect(textsTo('DUW02').filter((x) => x.includes('「さくら」は読み取れませんでした'))).toHaveLength(1);

    const list = await runCommand(registerEvents, ['events', 'list'], bot.ctx);
    expect(list.out).toContain('保留中のメッセージ 1 件');
    expect(list.out).toMatch(/#\d+ 2026-03-27 10:00 slack 送信者 w02 text \(4 chars\) 試行 3 回/);
    expect(list.out).not.toContain(POISON); // never the text
    const json = JSON.parse((await runCommand(registerEvents, ['events', 'list', '--json'], bot.ctx)).out) as { id: number; personId: string }[];
    expect(json).toMatchObject([{ personId: 'w02', attempts: 3, platform: 'slack' }]);
    expect((await runCommand(registerStatus, ['status'], bot.ctx)).out).toContain(t('status.parkedEvents', { count: 1 }));
    await bot.dispose();
  }, 60_000);
});

describe('a message that overruns its time budget', () => {
  it('is given up after 3 budgets and parked; the messages behind it are answered; an admin retries or discards it', async () => {
    const bot = await start('10:00');
    dbDir = undefined;
    try {
      expect((await send(bot, 'Ev0POISON01', 'UW02', POISON)).status).toBe(200);
      expect((await send(bot, 'Ev0LATER001', 'UW02', 'さくら')).status).toBe(200);
      expect((await send(bot, 'Ev0OTHER001', 'UW03', 'もみじ')).status).toBe(200); // another sender
      for (let attempt = 1; attempt <= 3; attempt++) {
        await until(`attempt ${attempt}`, () => poisonEntered === attempt);
        bot.clock!.advance(30_000); // the default budget
        await bot.bot.tick(bot.clock!.now());
      }
      await until('parked', async () => (await poisonRow(bot)).state === 'failed');
      await bot.bot.inbox.drain();
      expect(await poisonRow(bot)).toMatchObject({ attempts: 3, error: expect.stringContaining('time budget') });
      expect(parkedSender('DUW02')).toHaveLength(1);
      expect(parkedAdmin()).toHaveLength(1);
      expect(textsTo('DUW02').filter((x) => x.includes('「さくら」は読み取れませんでした'))).toHaveLength(1);
      expect(textsTo('DUW03').filter((x) => x.includes('「もみじ」は読み取れませんでした'))).toHaveLength(1);
      expect(parkedSender('DUW03')).toEqual([]);
      const { id } = await poisonRow(bot);

      // Only an admin may retry or discard (w01 is the examples' admin), and the change is audited.
      const anonymous = await runCommand(registerEvents, ['events', 'retry', String(id)], await asOperator(bot.ctx, null));
      expect(anonymous.code).toBe(1);
      expect((await runCommand(registerEvents, ['events', 'discard', String(id), '--by', 'w02'], await asOperator(bot.ctx, null))).code).toBe(1);
      expect((await runCommand(registerEvents, ['events', 'retry', 'abc', '--by', 'w01'], await asOperator(bot.ctx, null))).code).toBe(2);
      poisonous = false; // the fault is fixed; the retried message is handled like any other
      const retried = await runCommand(registerEvents, ['events', 'retry', String(id), '--by', 'w01'], await asOperator(bot.ctx, null));
      expect(retried.out).toBe(`${t('events.retried', { id })}\n`);
      await bot.bot.tick(bot.clock!.now()); // the poller takes it
      await until('retried event done', async () => (await poisonRow(bot)).state === 'done');
      expect(textsTo('DUW02').filter((x) => x.includes(`「${POISON}」は読み取れませんでした`))).toHaveLength(1);
      const again = await runCommand(registerEvents, ['events', 'discard', String(id), '--by', 'w01'], await asOperator(bot.ctx, null));
      expect(again.code).toBe(1);
      expect(again.err).toContain('保留中ではありません');
      const audit = await bot.ctx.db.read.auditLog.findMany({ where: { entity: 'InboundEvent' }, select: { action: true, actorId: true, entityId: true } });
      expect(audit).toEqual([{ action: 'inbound.retry', actorId: 'w01', entityId: String(id) }]);
    } finally {
      await bot.dispose();
    }
  }, 60_000);

  it('discard closes a parked message without running it', async () => {
    const bot = await start('10:00', undefined, { INBOX_MAX_ATTEMPTS: '1' });
    try {
      expect((await send(bot, 'Ev0POISON01', 'UW02', POISON)).status).toBe(200);
      await until('attempt', () => poisonEntered === 1);
      bot.clock!.advance(30_000);
      await bot.bot.tick(bot.clock!.now());
      await until('parked after one attempt', async () => (await poisonRow(bot)).state === 'failed');
      const { id } = await poisonRow(bot);
      expect((await runCommand(registerEvents, ['events', 'discard', String(id), '--by', 'w01'], await asOperator(bot.ctx, null))).out).toBe(`${t('events.discarded', { id })}\n`);
      expect(await poisonRow(bot)).toMatchObject({ state: 'discarded' });
      expect((await runCommand(registerEvents, ['events', 'list'], bot.ctx)).out).toBe(`${t('events.list.none')}\n`);
      expect(await bot.ctx.db.read.auditLog.count({ where: { action: 'inbound.discard', actorId: 'w01' } })).toBe(1);
    } finally {
      await bot.dispose();
    }
  }, 60_000);
});
