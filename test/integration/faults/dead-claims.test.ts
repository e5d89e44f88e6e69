import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDeadLocalOwner, localInstanceId, releaseDeadLocalClaims } from '../../../src/adapters/db/dead-claims.ts';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { timestamp } from '../../../src/adapters/db/database.ts';
import { ALL_PLATFORMS_ENV, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';
import { tempDatabaseUrl } from '../../support/temp-db.ts';

/** The pid of a process that has exited (spawnSync waits for it). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

let slack: ReturnType<typeof fakeSlackApi>;
let bot: AssembledBot | undefined;
let dir: string;
let database: Awaited<ReturnType<typeof tempDatabaseUrl>>;
beforeEach(async () => {
  blockNetwork();
  slack = fakeSlackApi(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-dead-claims-'));
  database = await tempDatabaseUrl(dir);
});
afterEach(async () => {
  await bot?.dispose();
  bot = undefined;
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
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
    const databaseUrl = database.url;
    bot = await startAssembledBot({ env: ALL_PLATFORMS_ENV, loadExamples: true, databaseUrl });
    await bot.stop();
    // What a kill -9 leaves: w02's message stored and claimed by a process that is gone, with an hour of lease left;
    // and a message claimed by a live instance on another host, which must be left alone.
    bot = await startAssembledBot({ env: ALL_PLATFORMS_ENV, databaseUrl, wallClock: false });
    const store = createInboxStore(bot.ctx.db);
    const envelope = (eventKey: string, userRef: string) => ({ platform: 'slack' as const, eventKey, userRef, receivedAt: new Date(), payload: { type: 'text' as const, text: 'ヘルプ' } });
    const interrupted = await store.store(envelope('Ev0DEAD0001', 'UW02'));
    const foreign = await store.store(envelope('Ev0LIVE0001', 'UW03'));
    const claim = `UPDATE "InboundEvent" SET "claimedBy" = ?, "leaseUntil" = ?, "attempts" = 1 WHERE "id" = ?`;
    const inAnHour = timestamp(new Date(Date.now() + 3_600_000));
    await bot.ctx.db.statements(async (sql) => {
      await sql.run(claim, `${hostname()}:${deadPid()}:dead01`, inAnHour, interrupted.id);
      await sql.run(claim, `other-host:${process.pid}:live01`, inAnHour, foreign.id);
    });
    await bot.stop();

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
