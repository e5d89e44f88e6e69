import { afterEach, describe, expect, it } from 'vitest';
import { createResultStore } from '../../../src/adapters/db/result-store.ts';
import { findOrderByRef, openOrdersOf, serialOf } from '../../../src/application/results/result-order-ref.ts';
import type { ResultOrderInfo } from '../../../src/application/results/ports.ts';
import { resultsWorld, type ResultsWorld } from '../../support/results-world.ts';

let w: ResultsWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

const DATE = '2026-03-27';

describe('the order a worker means by a short reference, read without the whole day', () => {
  it('is the one the whole day gives (the sender’s first), for every serial of the day and a few that share their last digits', async () => {
    w = await resultsWorld();
    const db = w.t.ctx.db;
    const results = createResultStore(db);
    // Orders whose numbers end in the same digits as a real one: 0112 and 1012 must not be taken for 12.
    const [first] = await results.ofDay(DATE);
    const serial = serialOf(first!.orderNo)!;
    const base = await db.read.workOrder.findUniqueOrThrow({ where: { orderNo: first!.orderNo } });
    const { id: _id, orderNo: _no, customerNumberIndex: _i, ...copy } = base;
    for (const extra of [serial + 100, serial + 1000]) {
      await db.write((tx) => tx.workOrder.create({ data: { ...copy, orderNo: `${DATE.replaceAll('-', '')}-${String(extra).padStart(4, '0')}` } }));
    }
    const day = await results.ofDay(DATE);
    const deps = { results, clock: w.t.ctx.clock } as Parameters<typeof findOrderByRef>[0];
    const persons = [...new Set(day.map((o) => o.assignment?.personId).filter((p): p is string => !!p))];
    for (const personId of persons) {
      for (const order of day) {
        const n = serialOf(order.orderNo)!;
        const matching = day.filter((o) => serialOf(o.orderNo) === n);
        const mine = matching.filter((o) => o.assignment?.personId === personId && o.assignment.date === DATE);
        const expected: ResultOrderInfo[] = mine.length > 0 ? mine : matching;
        for (const ref of [String(n), String(n).padStart(4, '0')]) {
          if (expected.length === 1) expect((await findOrderByRef(deps, ref, personId)).orderNo).toBe(expected[0]!.orderNo);
          else await expect(findOrderByRef(deps, ref, personId)).rejects.toThrow(`に当たる作業が複数あります: ${expected.map((o) => o.orderNo).join('、')}`);
        }
      }
      // The sender's open orders, read for them alone, are those of the whole day.
      expect((await results.ofDay(DATE, { assigneeId: personId })).filter((o) => openOrdersOf([o], personId, DATE).length > 0)).toEqual(openOrdersOf(day, personId, DATE));
    }
    expect(day.map((o) => o.orderNo)).toContain(`${DATE.replaceAll('-', '')}-${String(serial + 1000).padStart(4, '0')}`);
    await expect(findOrderByRef(deps, '9999', persons[0]!)).rejects.toThrow('9999');
  });
});
