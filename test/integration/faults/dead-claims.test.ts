import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDeadLocalOwner, localInstanceId, releaseDeadLocalClaims } from '../../../src/adapters/db/dead-claims.ts';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { sqliteTimestamp } from '../../../src/adapters/db/database.ts';
import { ALL_PLATFORMS_ENV, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';

/** The pid of a process that has exited (spawnSync waits for it). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

let slack: ReturnType<typeof fakeSlackApi>;
let bot: AssembledBot | undefined;
beforeEach(() => {
  blockNetwork();
  slack = fakeSlackApi(() => undefined);
});
afterEach(async () => {
  await bot?.dispose();
  bot = undefined;
  slack.dispose();
  nock.enableNetConnect();
});

describe('claims of a crashed process on this host', () => {
  it('tells a dead local owner from a live one, another host, and a foreign id', () => {
    expect(isDeadLocalOwner(`${hostname()}:${deadPid()}:abc123`)).toBe(true);
    expect(isDeadLocalOwner(localInstanceId())).toBe(false);
    expect(isDeadLocalOwner(`${hostname()}:${process.ppid}:abc123`)).toBe(false);
    expect(isDeadLocalOwner(`other-host:${deadPid()}:abc123`)).toBe(false);
    expect(isDeadLocalOwner('bot-1234abcd')).toBe(false);
  });

  it('are taken back at start: a message a kill -9 interrupted is answered at once, not after its lease', async () => {
    bot = await startAssembledBot({ env: ALL_PLATFORMS_ENV, loadExamples: true });
    const { databaseUrl } = bot;
    await bot.stop();
    // What a kill -9 leaves: w02's message stored and claimed by a process that is gone, with an hour of lease left;
    // and a message claimed by a live instance on another host, which must be left alone.
    bot = await startAssembledBot({ env: ALL_PLATFORMS_ENV, databaseUrl, wallClock: false });
    const store = createInboxStore(bot.ctx.db);
    const envelope = (eventKey: string, userRef: string) => ({ platform: 'slack' as const, eventKey, userRef, receivedAt: new Date(), payload: { type: 'text' as const, text: 'ヘルプ' } });
    const interrupted = await store.store(envelope('Ev0DEAD0001', 'UW02'));
    const foreign = await store.store(envelope('Ev0LIVE0001', 'UW03'));
    await bot.stop();
    const raw = sqliteOnly(bot.ctx.db, 'この処理').rawConnection();
    const claim = raw.prepare(`UPDATE "InboundEvent" SET "claimedBy" = ?, "leaseUntil" = ?, "attempts" = 1 WHERE "id" = ?`);
    const inAnHour = sqliteTimestamp(new Date(Date.now() + 3_600_000));
    claim.run(`${hostname()}:${deadPid()}:dead01`, inAnHour, interrupted.id);
    claim.run(`other-host:${process.pid}:live01`, inAnHour, foreign.id);
    await bot.ctx.close();

    const started = Date.now();
    bot = await startAssembledBot({ env: ALL_PLATFORMS_ENV, databaseUrl, wallClock: false });
    await bot.bot.inbox.drain();
    const rows = await bot.ctx.db.read.inboundEvent.findMany({ where: { id: { in: [interrupted.id, foreign.id] } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ['done', 2],
      ['received', 1],
    ]);
    expect(rows[1]!.claimedBy).toBe(`other-host:${process.pid}:live01`);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((slack.messages.get('DUW02') ?? []).map((m) => m.text).join('\n')).toContain('使い方');
    expect(await releaseDeadLocalClaims(bot.ctx.db)).toBe(0);
  });
});
