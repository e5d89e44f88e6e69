import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignOrders, visitOrderRows, type DayOrderInput } from '../../../../src/domain/assignment/assign-orders.ts';
import { BUREAU_OFFICE } from '../../../../src/domain/assignment/geo.ts';

const WORKERS = ['w01', 'w02', 'w03', 'w04', 'w05', 'w06'];

/** A day: orders with or without coordinates, some fixed to a worker, some already visited. */
const orderArb = fc.record({
  located: fc.boolean(),
  latitude: fc.double({ min: 36.45, max: 36.65, noNaN: true }),
  longitude: fc.double({ min: 136.55, max: 136.75, noNaN: true }),
  town: fc.constantFrom('鞍月', '寺町', '野町', '森山', '高尾台'),
  mapSheet: fc.constantFrom('北', '中', '南', null),
  weight: fc.constantFrom(1, 2),
  holder: fc.option(fc.constantFrom(...WORKERS, 's01'), { freq: 4 }),
  visited: fc.boolean(),
});

const dayArb = fc.record({
  workerCount: fc.integer({ min: 1, max: WORKERS.length }),
  orders: fc.array(orderArb, { maxLength: 45 }),
});

type OrderValue = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

function toInputs(day: { orders: OrderValue[] }): DayOrderInput[] {
  return day.orders.map((o, i) => ({
    id: `20260327-${String(i + 1).padStart(4, '0')}`,
    weight: o.weight,
    latitude: o.located ? o.latitude : null,
    longitude: o.located ? o.longitude : null,
    town: o.town,
    mapSheet: o.mapSheet,
    workerId: o.holder,
    visitOrder: o.holder ? i : null,
    fixed: o.holder !== null,
    visited: o.holder !== null && o.visited,
  }));
}

describe('assignOrders properties', () => {
  it('assigns every order exactly once, fixed orders to their holder, visit orders 1…n per worker', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const orders = toInputs(day);
        const workers = WORKERS.slice(0, day.workerCount);
        const plans = assignOrders({ workers, orders, depot: BUREAU_OFFICE });
        const rows = visitOrderRows(plans);
        expect(rows.map((r) => r.orderId).sort()).toEqual(orders.map((o) => o.id).sort());
        for (const o of orders) {
          if (o.fixed) expect(rows.find((r) => r.orderId === o.id)!.workerId).toBe(o.workerId);
          else expect(workers).toContain(rows.find((r) => r.orderId === o.id)!.workerId);
        }
        for (const p of plans) {
          const numbers = rows.filter((r) => r.workerId === p.workerId).map((r) => r.visitOrder);
          expect(numbers).toEqual(numbers.map((_, i) => i + 1));
          expect(p.workload).toBe(p.orders.reduce((s, id) => s + orders.find((o) => o.id === id)!.weight, 0));
        }
      }),
      { numRuns: 150, seed: 20260327 },
    );
  });

  it('is deterministic for the same day', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const input = { workers: WORKERS.slice(0, day.workerCount), orders: toInputs(day), depot: BUREAU_OFFICE };
        expect(assignOrders(input)).toEqual(assignOrders({ ...input, orders: [...input.orders].reverse() }));
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('without fixed orders, workloads differ by at most the heaviest order', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const orders = toInputs(day).map((o) => ({ ...o, workerId: null, fixed: false, visited: false }));
        const plans = assignOrders({ workers: WORKERS.slice(0, day.workerCount), orders, depot: BUREAU_OFFICE });
        const loads = plans.map((p) => p.workload);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('visited orders open their worker’s visit order as visited; a worker not on the list keeps only their own', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const orders = toInputs(day);
        const workers = WORKERS.slice(0, day.workerCount);
        const plans = assignOrders({ workers, orders, depot: BUREAU_OFFICE });
        for (const p of plans) {
          const visited = orders
            .filter((o) => o.visited && o.workerId === p.workerId)
            .sort((a, b) => a.visitOrder! - b.visitOrder!)
            .map((o) => o.id);
          expect(p.orders.slice(0, visited.length)).toEqual(visited);
          const own = orders.filter((o) => o.fixed && o.workerId === p.workerId).map((o) => o.id);
          if (!workers.includes(p.workerId)) expect([...p.orders].sort()).toEqual(own.sort());
        }
      }),
      { numRuns: 100, seed: 3 },
    );
  });
});
