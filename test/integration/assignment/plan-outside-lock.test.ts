import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrismaAssignmentStore } from '../../../src/adapters/db/assignment-store.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { assignDay } from '../../../src/application/assignment/assign-day.ts';
import type { AssignmentDeps, AssignmentStore } from '../../../src/application/assignment/ports.ts';
import { BUREAU_OFFICE } from '../../../src/domain/assignment/geo.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { SAMPLE_DATE, insertDefaultStaff, insertOrders, readSampleOrders } from '../../support/sample-work-orders.ts';

// The improvement search may take seconds on a busy day: it must run with no write transaction open, so that a
// running bot keeps storing chat events meanwhile, and a change made during the search must not be lost.
let t: TempDatabase;
const events: string[] = [];

/** The real store, each transaction recorded when its body starts (it then holds the write lock). */
function recordingStore(inner: AssignmentStore): AssignmentStore {
  return {
    inTransaction: (fn) =>
      inner.inTransaction((unit) => {
        events.push('transaction');
        return fn(unit);
      }),
    moveOfEvent: (id) => inner.moveOfEvent(id),
  };
}

function depsWith(duringSearch: () => Promise<unknown>): { deps: AssignmentDeps; done: () => Promise<unknown> } {
  let side: Promise<unknown> = Promise.resolve();
  const deps: AssignmentDeps = {
    store: recordingStore(new PrismaAssignmentStore(t.db, new VirtualClock(`${SAMPLE_DATE}T00:00:00Z`))),
    isWorkDay: () => true,
    depot: BUREAU_OFFICE,
    searchGuard: () => {
      events.push('search');
      if (events.filter((e) => e === 'search').length === 1) side = duringSearch().then(() => events.push('other write done'));
      return () => false;
    },
  };
  return { deps, done: () => side };
}

beforeEach(async () => {
  events.length = 0;
  t = await tempDatabase();
  await insertOrders(t.db, readSampleOrders().slice(0, 30));
  await insertDefaultStaff(t.db, [{ id: 's01', supervisor: true }, { id: 'w01' }, { id: 'w02' }, { id: 'w03' }]);
});

afterEach(async () => {
  await t.dispose();
});

const run = (deps: AssignmentDeps) => assignDay(deps, { date: SAMPLE_DATE, includeSupervisors: false, actorId: null, channel: 'cli' });

describe('assignDay plans between transactions', () => {
  it('searches with no transaction open: a write started during the search lands before the plan is stored', async () => {
    const { deps, done } = depsWith(() => t.db.write((tx) => tx.pollerMark.create({ data: { name: 'probe', mark: new Date() } })));
    const result = await run(deps);
    await done();
    expect(events).toEqual(['transaction', 'search', 'other write done', 'transaction']);
    expect(result.workers.reduce((s, w) => s + w.count, 0)).toBe(30);
  });

  it('plans again inside the transaction when an order arrived during the search', async () => {
    const late = readSampleOrders().slice(30, 31);
    const { deps, done } = depsWith(() => insertOrders(t.db, late));
    const result = await run(deps);
    await done();
    expect(events.filter((e) => e === 'search')).toHaveLength(2);
    expect(result.workers.flatMap((w) => w.orders)).toContain(late[0]!.orderNo);
    const stored = await t.db.read.assignment.count({ where: { date: SAMPLE_DATE } });
    expect(stored).toBe(31);
  });
});
