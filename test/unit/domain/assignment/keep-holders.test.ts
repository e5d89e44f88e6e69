import { describe, expect, it } from 'vitest';
import { assignOrders, type DayOrderInput, type WorkerPlan } from '../../../../src/domain/assignment/assign-orders.ts';
import { keepHolders } from '../../../../src/domain/assignment/keep-holders.ts';
import { BUREAU_OFFICE } from '../../../../src/domain/assignment/geo.ts';
import { randomCityOrders } from '../../../support/assignment-orders.ts';

const WORKERS = ['w01', 'w02', 'w03', 'w04'];
const holderOf = (plans: readonly WorkerPlan[]) => new Map(plans.flatMap((p) => p.orders.map((id) => [id, p.workerId] as const)));
const km = (plans: readonly WorkerPlan[]) => plans.reduce((s, p) => s + p.routeKm!, 0);
const keptOf = (plans: readonly WorkerPlan[], orders: readonly DayOrderInput[]) => {
  const holders = holderOf(plans);
  return orders.filter((o) => o.heldBy && holders.get(o.id) === o.heldBy).length;
};
const routes = (plans: readonly WorkerPlan[]) => plans.map(({ orders, workload, routeKm }) => ({ orders, workload, routeKm })).sort((a, b) => (a.orders[0]! < b.orders[0]! ? -1 : 1));

/** The day after a first run: every order held as planned, one of them pinned to another worker (振替). */
function afterMove(orders: readonly DayOrderInput[], first: readonly WorkerPlan[], moved: string, to: string): DayOrderInput[] {
  const held = holderOf(first);
  const visitOrder = new Map(first.flatMap((p) => p.orders.map((id, i) => [id, i + 1] as const)));
  return orders.map((o) =>
    o.id === moved
      ? { ...o, workerId: to, fixed: true, visitOrder: 1 }
      : { ...o, heldBy: held.get(o.id)!, visitOrder: visitOrder.get(o.id)! },
  );
}

/** The order of another worker nearest to one of `to`'s orders: what a supervisor moves to a neighbour. */
function borderOrder(orders: readonly DayOrderInput[], plans: readonly WorkerPlan[], to: string): string {
  const held = holderOf(plans);
  const theirs = orders.filter((o) => held.get(o.id) === to);
  const gap = (o: DayOrderInput) => Math.min(...theirs.map((t) => Math.hypot(t.latitude! - o.latitude!, t.longitude! - o.longitude!)));
  return orders.filter((o) => held.get(o.id) !== to).sort((a, b) => gap(a) - gap(b))[0]!.id;
}

describe('a re-run keeps orders with their previous holder', () => {
  it('after one order is moved, most orders keep their worker; balance kept, km within 15 % of a fresh plan; deterministic', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const orders = randomCityOrders(40, seed);
      const first = assignOrders({ workers: WORKERS, orders, depot: BUREAU_OFFICE });
      const held = holderOf(first);
      const moved = borderOrder(orders, first, 'w03');
      const input = { workers: WORKERS, orders: afterMove(orders, first, moved, 'w03'), depot: BUREAU_OFFICE };
      const again = assignOrders(input);
      const fresh = assignOrders({ ...input, orders: input.orders.map((o) => ({ ...o, heldBy: null })) });
      const kept = orders.filter((o) => holderOf(again).get(o.id) === held.get(o.id)).length;
      expect(kept).toBeGreaterThanOrEqual(32); // ≥ 80 % of 40
      expect(holderOf(again).get(moved)).toBe('w03');
      const loads = again.map((p) => p.workload);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
      expect(km(again)).toBeLessThanOrEqual(km(fresh) * 1.15 + 1e-9);
      expect(assignOrders(input)).toEqual(again);
    }
  });

  it('an order moved far away: the old areas are kept only while that costs under 0.5 km per order kept more (≤ 15 %), else the fresh plan (relabelled)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const orders = randomCityOrders(40, seed);
      const first = assignOrders({ workers: WORKERS, orders, depot: BUREAU_OFFICE });
      const input = { workers: WORKERS, orders: afterMove(orders, first, first[0]!.orders[3]!, 'w03'), depot: BUREAU_OFFICE };
      const again = assignOrders(input);
      const fresh = assignOrders({ ...input, orders: input.orders.map((o) => ({ ...o, heldBy: null })) });
      const relabelled = keepHolders(fresh, input.orders, new Set(WORKERS.filter((w) => w !== 'w03')));
      const keptMore = keptOf(again, input.orders) - keptOf(relabelled, input.orders);
      expect(km(again)).toBeLessThanOrEqual(km(fresh) * 1.15 + 1e-9);
      if (keptMore > 0) expect(km(again) - km(fresh)).toBeLessThanOrEqual(0.5 * keptMore + 1e-9);
      else expect(routes(again)).toEqual(routes(fresh));
    }
  });

  it('a plan kept once at some extra length (a worker left out) stays kept when one order is moved afterwards', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const orders = randomCityOrders(40, seed);
      const five = assignOrders({ workers: [...WORKERS, 'w05'], orders, depot: BUREAU_OFFICE });
      const held = (plans: readonly WorkerPlan[], o: DayOrderInput) => {
        const visit = new Map(plans.flatMap((p) => p.orders.map((id, i) => [id, i + 1] as const)));
        return { ...o, heldBy: holderOf(plans).get(o.id)!, visitOrder: visit.get(o.id)! };
      };
      const first = assignOrders({ workers: WORKERS, orders: orders.map((o) => held(five, o)), depot: BUREAU_OFFICE }); // w05 left out
      const moved = borderOrder(orders, first, 'w03');
      const again = assignOrders({ workers: WORKERS, orders: afterMove(orders, first, moved, 'w03'), depot: BUREAU_OFFICE });
      const changed = orders.filter((o) => holderOf(again).get(o.id) !== holderOf(first).get(o.id)).map((o) => o.id);
      expect(changed).toContain(moved);
      expect(changed.length).toBeLessThanOrEqual(4);
      const loads = again.map((p) => p.workload);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    }
  });

  it('relabelling hands each route back to the worker who held it, never changing a route, its km or its load', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const plans = assignOrders({ workers: WORKERS, orders: randomCityOrders(40, seed), depot: BUREAU_OFFICE });
      const rotated = new Map(plans.map((p, i) => [p.workerId, WORKERS[(i + 1) % WORKERS.length]!]));
      const orders = randomCityOrders(40, seed).map((o) => ({ ...o, heldBy: rotated.get(holderOf(plans).get(o.id)!)! }));
      const relabelled = keepHolders(plans, orders, new Set(WORKERS));
      expect(relabelled.map((p) => p.workerId)).toEqual(WORKERS);
      for (const p of plans) expect(relabelled.find((r) => r.workerId === rotated.get(p.workerId))!.orders).toEqual(p.orders);
      expect(routes(relabelled)).toEqual(routes(plans));
      expect(km(relabelled)).toBeCloseTo(km(plans), 9);
    }
  });

  it('leaves workers outside the interchangeable set, and everyone when nothing was held, as they are', () => {
    const plans = assignOrders({ workers: WORKERS, orders: randomCityOrders(40, 3), depot: BUREAU_OFFICE });
    const orders = randomCityOrders(40, 3);
    expect(keepHolders(plans, orders, new Set(WORKERS))).toEqual(plans);
    const allToW01 = orders.map((o) => ({ ...o, heldBy: 'w01' }));
    const relabelled = keepHolders(plans, allToW01, new Set(['w02', 'w03']));
    expect(relabelled.filter((p) => p.workerId === 'w01' || p.workerId === 'w04')).toEqual(plans.filter((p) => p.workerId === 'w01' || p.workerId === 'w04'));
  });
});
