import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SqliteDatabase, sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isBusyError } from '../../../src/adapters/db/database.ts';
import { startBot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { pickOrder, resultOf } from '../../support/results-world.ts';

let t: BotTestContext | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/**
 * Another connection (a second instance, an operator's sqlite3 shell) that takes the write lock with BEGIN IMMEDIATE
 * just before the bot's next write transaction once `armed`, and lets it go after `holdFor` busy failures of the bot.
 */
function lockingNeighbour(path: string, holdFor: number) {
  const raw = new BetterSqlite3(path);
  const state = { armed: false, locked: false, busyHits: 0, transactions: 0 };
  const release = () => {
    if (state.locked) raw.exec('COMMIT');
    state.locked = false;
  };
  const around = <A extends unknown[], R>(call: (...a: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (state.armed && !state.locked && state.busyHits === 0) {
      raw.exec('BEGIN IMMEDIATE');
      raw.prepare("INSERT INTO \"JobRun\" (\"key\", \"instanceId\", \"startedAt\") VALUES ('neighbour', 'other', 0)").run();
      state.locked = true;
    }
    state.transactions++;
    try {
      return await call(...args);
    } catch (e) {
      if (state.locked && isBusyError(e) && ++state.busyHits >= holdFor) release();
      throw e;
    }
  };
  return { raw, state, release, around };
}

/** The context's database, with the neighbour stepping in before each write transaction; the busy timeout set to 0. */
async function withNeighbour(ctx: AppContext, neighbour: ReturnType<typeof lockingNeighbour>): Promise<AppContext> {
  const prisma = ctx.db.prisma;
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 0');
  const wrapped = new Proxy(prisma, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === '$transaction') return neighbour.around((value as (...a: unknown[]) => Promise<unknown>).bind(target));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...ctx, db: new SqliteDatabase(wrapped, sqliteOnly(ctx.db, 'この処理').path, ctx.db.cipher) };
}

describe('the database busy while the bot records a result', () => {
  it('retries the write transaction that met the lock once it is released; the result lands once', async () => {
    t = await botTestContext('2026-03-27', '10:00');
    const neighbour = lockingNeighbour(sqliteOnly(t.ctx.db, 'この処理').path, 2);
    const ctx = await withNeighbour(t.ctx, neighbour);
    const bot = await startBot(ctx, { date: '2026-03-27', out: () => {}, wallClock: false, instanceId: 'bot' });
    try {
      const o = await pickOrder(t, 'open', { meterWork: null });
      const s = bot.console!.session.as(o.personId);
      await s.say(`${o.serial} 開栓完了 指針${o.previousReading!} 在宅 散水栓出る`);
      neighbour.state.armed = true;
      const answer = await s.say('はい');
      expect(neighbour.state.busyHits).toBe(2);
      expect(neighbour.state.locked).toBe(false);
      expect(answer.map((d) => d.text).join('\n')).toContain('結果を記録しました。');
      expect(await resultOf(t, o.orderNo)).toMatchObject({ outcome: 'done', reading: o.previousReading! });
      expect(await t.ctx.db.read.taskResult.count()).toBe(1);
      expect(await t.ctx.db.read.jobRun.count({ where: { key: 'neighbour' } })).toBe(1); // the neighbour's commit is kept too
      expect(await t.ctx.db.read.inboundEvent.count({ where: { state: { not: 'done' } } })).toBe(0);
    } finally {
      await bot.stop();
      neighbour.release();
      neighbour.raw.close();
    }
  });

  it('gives up with the busy error, not silently, when the lock outlasts every retry', async () => {
    t = await botTestContext('2026-03-27', '10:00');
    const neighbour = lockingNeighbour(sqliteOnly(t.ctx.db, 'この処理').path, Number.POSITIVE_INFINITY);
    const ctx = await withNeighbour(t.ctx, neighbour);
    try {
      neighbour.state.armed = true;
      const write = ctx.db.write((tx) => tx.person.create({ data: { id: 'x9', affiliation: 'contractor', name: '書けない' } }));
      await expect(write).rejects.toSatisfy(isBusyError);
      expect(neighbour.state.busyHits).toBe(6); // the first attempt and 5 retries
      neighbour.release();
      await ctx.db.write((tx) => tx.person.create({ data: { id: 'x9', affiliation: 'contractor', name: '書ける' } }));
      expect(await t.ctx.db.read.person.count({ where: { id: 'x9' } })).toBe(1);
    } finally {
      neighbour.release();
      neighbour.raw.close();
    }
  });
});

const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
parentPort.postMessage('released');
`;

describe('the busy timeout with a lock held by another thread', () => {
  it('waits for a lock shorter than the busy timeout (5 s) inside SQLite: the write lands on its first attempt', async () => {
    t = await botTestContext('2026-03-27', '10:00');
    const [busy] = await t.ctx.db.prisma.$queryRawUnsafe<{ timeout: bigint }[]>('PRAGMA busy_timeout');
    expect(Number(busy!.timeout)).toBe(5000);
    const worker = new Worker(HOLDER, { eval: true, workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path: sqliteOnly(t.ctx.db, 'この処理').path, holdMs: 300 } });
    const messages: string[] = [];
    const released = new Promise<void>((resolve) => worker.on('message', (m: string) => (messages.push(m), m === 'released' && resolve())));
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    let attempts = 0;
    await t.ctx.db.write(async (tx) => {
      attempts++;
      await tx.person.create({ data: { id: 'x8', affiliation: 'contractor', name: '待って書く' } });
    });
    await released;
    await worker.terminate();
    expect(messages).toEqual(['locked', 'released']);
    expect(attempts).toBe(1);
    expect(await t.ctx.db.read.person.count({ where: { id: 'x8' } })).toBe(1);
  });
});
