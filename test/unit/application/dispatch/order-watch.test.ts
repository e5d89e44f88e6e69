import { describe, expect, it } from 'vitest';
import { createOrderWatch, LOOKBACK_MS, type OrderWatchDeps } from '../../../../src/application/dispatch/order-watch.ts';
import type { ImportChange, OrderWatchStore, WatchedOrder } from '../../../../src/application/dispatch/supervision-ports.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = new Date('2026-03-27T01:00:00Z'); // 10:00 in Tokyo

/** An in-memory order watch store: what the use case reads and writes, and nothing else. */
function memoryStore(changes: ImportChange[], orders: WatchedOrder[], mark?: Date) {
  const state = { mark, claims: new Set<string>(), released: [] as string[] };
  const store: OrderWatchStore = {
    mark: async () => state.mark,
    advanceMark: async (to) => void (state.mark = !state.mark || to > state.mark ? to : state.mark),
    changesSince: async (since) => changes.filter((c) => c.at > since),
    order: async (no) => orders.find((o) => o.orderNo === no),
    claim: async (id, version) => !state.claims.has(`${id}:${version}`) && Boolean(state.claims.add(`${id}:${version}`)),
    release: async (id, version) => void (state.claims.delete(`${id}:${version}`), state.released.push(`${id}:${version}`)),
    dayPosted: async () => true,
  };
  return { store, state };
}

function depsWith(store: OrderWatchStore, failPlacing = false): OrderWatchDeps {
  return {
    store,
    logger: silent,
    instanceId: 'test',
    orders: { assignedOrders: async () => [], unassignedCount: async () => 0 },
    team: { staffing: async (date) => ({ date, source: 'default', onDuty: ['w01', 'w02'], supervisors: ['w01'] }), names: async () => new Map() },
    gateway: { send: async () => ({ delivered: [], failures: [] }) },
    assignment: {
      isWorkDay: () => true,
      depot: { latitude: 36.56, longitude: 136.64 },
      store: {
        inTransaction: async () => {
          if (failPlacing) throw new Error('database is locked');
          throw new Error('not expected in this test');
        },
        moveOfEvent: async () => undefined,
      },
    },
  };
}

const newOrder: WatchedOrder = {
  workOrderId: 41,
  orderNo: '20260327-0041',
  kind: 'open',
  meterWork: null,
  diameterMm: 20,
  address: '石川県金沢市広坂2丁目1-1',
  town: '広坂',
  status: 'open',
  scheduledDate: '2026-03-27',
  hasResult: false,
  assignment: null,
};
const inserted: ImportChange = { orderNo: newOrder.orderNo, version: 'added', at: new Date('2026-03-27T00:50:00Z'), source: 'insert', changed: {} };

describe('createOrderWatch', () => {
  it('only sets the mark on its first run: what came before is the morning post’s', async () => {
    const { store, state } = memoryStore([inserted], [newOrder]);
    const report = await createOrderWatch(depsWith(store))(NOW);
    expect(report.acted).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(state.mark).toEqual(NOW);
    expect(state.claims.size).toBe(0);
  });

  it('releases the claim and keeps the mark when acting fails, so the next tick tries again', async () => {
    const mark = new Date('2026-03-27T00:00:00Z');
    const { store, state } = memoryStore([inserted], [newOrder], mark);
    const report = await createOrderWatch(depsWith(store, true))(NOW);
    expect(report.failed).toBe(1);
    expect(state.released).toEqual(['41:added']);
    expect(state.claims.size).toBe(0);
    expect(state.mark).toEqual(mark);
  });

  it('claims nothing for a change that is not today’s business, and keeps the mark LOOKBACK_MS behind the clock', async () => {
    const tomorrow = { ...newOrder, scheduledDate: '2026-03-28' };
    const { store, state } = memoryStore([inserted], [tomorrow], new Date('2026-03-27T00:00:00Z'));
    const report = await createOrderWatch(depsWith(store))(NOW);
    expect(report).toMatchObject({ acted: { added: 0, changed: 0, removed: 0 }, failed: 0 });
    expect(state.claims.size).toBe(0);
    expect(state.mark).toEqual(new Date(NOW.getTime() - LOOKBACK_MS));
    await createOrderWatch(depsWith(store))(new Date(NOW.getTime() - 60_000));
    expect(state.mark).toEqual(new Date(NOW.getTime() - LOOKBACK_MS));
  });
});
