import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { createTimerStore } from '../../src/adapters/db/timer-store.ts';
import { createLogger } from '../../src/adapters/log/logger.ts';
import { createTimerRunner, type TimerHandler } from '../../src/application/timers/timer-runner.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';

const silent = createLogger('silent');
const t0 = new Date('2026-03-27T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

let temp: TempDatabase;
afterEach(async () => temp?.dispose());

function runner(db: TempDatabase['db'], instanceId: string, handle: TimerHandler) {
  return createTimerRunner({ store: createTimerStore(db), handlers: { step: handle }, logger: silent, instanceId });
}

describe('durable timers', () => {
  it('runs a step only when due, and once', async () => {
    temp = await tempDatabase();
    const seen: number[] = [];
    const store = createTimerStore(temp.db);
    await store.schedule({ kind: 'step', dueAt: at(10), payload: { n: 1 } });
    const r = runner(temp.db, 'a', async (t) => void seen.push(t.payload.n as number));
    expect(await r.tick(at(9))).toBe(0);
    expect(await r.tick(at(10))).toBe(1);
    expect(await r.tick(at(11))).toBe(0);
    expect(seen).toEqual([1]);
  });

  it('two instances on one database run each step exactly once', async () => {
    temp = await tempDatabase();
    const other = await openDatabase(temp.url);
    try {
      const store = createTimerStore(temp.db);
      for (let n = 0; n < 20; n++) await store.schedule({ kind: 'step', dueAt: at(n % 3), payload: { n } });
      const seen: number[] = [];
      const handle: TimerHandler = async (t) => void seen.push(t.payload.n as number);
      await Promise.all([runner(temp.db, 'a', handle).tick(at(5)), runner(other, 'b', handle).tick(at(5))]);
      expect(seen.sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    } finally {
      await other.close();
    }
  });

  it('survives a restart: an overdue step runs on the first tick after it', async () => {
    temp = await tempDatabase();
    await createTimerStore(temp.db).schedule({ kind: 'step', dueAt: at(1), payload: { n: 7 }, dedupeKey: 'doubt:1:level:1' });
    await temp.db.close();
    temp.db = await openDatabase(temp.url);
    const seen: unknown[] = [];
    expect(await runner(temp.db, 'after-restart', async (t) => void seen.push(t.payload.n)).tick(at(30))).toBe(1);
    expect(seen).toEqual([7]);
  });

  it('keeps one timer per dedupe key and cancels by prefix', async () => {
    temp = await tempDatabase();
    const store = createTimerStore(temp.db);
    const a = await store.schedule({ kind: 'step', dueAt: at(1), payload: {}, dedupeKey: 'doubt:2:level:1' });
    const b = await store.schedule({ kind: 'step', dueAt: at(2), payload: {}, dedupeKey: 'doubt:2:level:1' });
    expect(b).toBe(a);
    expect(await store.cancelByPrefix('doubt:2:')).toBe(1);
    expect(await runner(temp.db, 'a', async () => undefined).tick(at(10))).toBe(0);
  });

  it('reclaims a step whose instance died mid-step, after the lease', async () => {
    temp = await tempDatabase();
    const store = createTimerStore(temp.db);
    await store.schedule({ kind: 'step', dueAt: at(0), payload: {} });
    expect(await store.claimDue(at(1), 'dead', 60_000, 10)).toHaveLength(1);
    expect(await store.claimDue(at(1.5), 'alive', 60_000, 10)).toHaveLength(0);
    expect(await store.claimDue(at(3), 'alive', 60_000, 10)).toHaveLength(1);
  });

  it('retries a failing step with backoff, and the watchdog sees what is overdue', async () => {
    temp = await tempDatabase();
    const store = createTimerStore(temp.db);
    await store.schedule({ kind: 'step', dueAt: at(0), payload: {} });
    let calls = 0;
    const r = runner(temp.db, 'a', async () => {
      calls += 1;
      if (calls === 1) throw new Error('chat down');
    });
    await r.tick(at(0));
    expect(await store.overdue(at(0), 0)).toHaveLength(0);
    expect(await r.tick(at(0.4))).toBe(0);
    expect(await r.tick(at(1))).toBe(1);
    expect(calls).toBe(2);
    await store.schedule({ kind: 'step', dueAt: at(2), payload: {} });
    expect(await store.overdue(at(20), 10 * 60_000)).toHaveLength(1);
  });
});

describe('a step given up after repeated failures', () => {
  it('is reported by the watchdog query instead of stalling silently', async () => {
    temp = await tempDatabase();
    const store = createTimerStore(temp.db);
    await store.schedule({ kind: 'step', dueAt: at(0), payload: {} });
    const r = createTimerRunner({
      store,
      handlers: { step: async () => Promise.reject(new Error('chat down')) },
      logger: silent,
      instanceId: 'a',
      maxAttempts: 2,
    });
    await r.tick(at(0));
    await r.tick(at(1));
    const row = await temp.db.read.durableTimer.findFirstOrThrow();
    expect(row.state).toBe('failed');
    const overdue = await store.overdue(at(30), 60_000);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.failed).toBe(true);
  });
});
