import { describe, expect, it } from 'vitest';
import { assignOrders, planRoutes, type DayOrderInput } from '../../../../src/domain/assignment/assign-orders.ts';
import { BUREAU_OFFICE } from '../../../../src/domain/assignment/geo.ts';
import { importOrderKm, order, randomCityOrders, seededRandom } from '../../../support/assignment-orders.ts';

const workers = (k: number) => Array.from({ length: k }, (_, i) => `w0${i + 1}`);
const holderOf = (plans: ReturnType<typeof assignOrders>) =>
  new Map(plans.flatMap((p) => p.orders.map((id) => [id, p.workerId] as const)));

describe('assignOrders (振り分け and 足順 of a day)', () => {
  it('balances 40 orders on 5 workers and routes them far shorter than the import order', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const orders = randomCityOrders(40, seed);
      const plans = assignOrders({ workers: workers(5), orders, depot: BUREAU_OFFICE });
      const loads = plans.map((p) => p.workload);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
      const km = plans.reduce((s, p) => s + p.routeKm!, 0);
      expect(km).toBeLessThan(0.5 * importOrderKm(orders, 5, BUREAU_OFFICE));
    }
  });

  it('gives the same plan for the same orders, whatever order they come in', () => {
    const orders = randomCityOrders(60, 4);
    const rnd = seededRandom(1);
    const shuffled = [...orders].sort(() => rnd() - 0.5);
    const a = assignOrders({ workers: workers(6), orders, depot: BUREAU_OFFICE });
    const b = assignOrders({ workers: workers(6), orders: shuffled, depot: BUREAU_OFFICE });
    expect(b).toEqual(a);
  });

  it('keeps fixed orders with their worker, visited ones first in their old order, and counts them in', () => {
    const orders: DayOrderInput[] = randomCityOrders(30, 9).map((o, i) => {
      if (i < 3) return { ...o, fixed: true, visited: true, workerId: 'w03', visitOrder: 3 - i };
      if (i < 8) return { ...o, fixed: true, workerId: 'w01' };
      return o;
    });
    const plans = assignOrders({ workers: workers(3), orders, depot: BUREAU_OFFICE });
    const holder = holderOf(plans);
    for (const o of orders.slice(0, 3)) expect(holder.get(o.id)).toBe('w03');
    for (const o of orders.slice(3, 8)) expect(holder.get(o.id)).toBe('w01');
    const w03 = plans.find((p) => p.workerId === 'w03')!;
    expect(w03.orders.slice(0, 3)).toEqual([orders[2]!.id, orders[1]!.id, orders[0]!.id]);
    const loads = plans.map((p) => p.workload);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
  });

  it('a worker holding fixed orders but not on the list gets nothing else', () => {
    const orders = randomCityOrders(20, 2).map((o, i) => (i < 2 ? { ...o, fixed: true, workerId: 's01' } : o));
    const plans = assignOrders({ workers: workers(2), orders, depot: BUREAU_OFFICE });
    expect(plans.map((p) => p.workerId)).toEqual(['w01', 'w02', 's01']);
    expect(plans[2]!.orders).toEqual([orders[0]!.id, orders[1]!.id].sort());
  });

  it('puts orders without coordinates with the located orders of their town', () => {
    const towns = [
      { town: '鞍月', lat: 36.6, lon: 136.62 },
      { town: '寺町', lat: 36.55, lon: 136.645 },
      { town: '森山', lat: 36.58, lon: 136.67 },
      { town: '高尾台', lat: 36.5, lon: 136.64 },
    ];
    const rnd = seededRandom(5);
    const orders = towns.flatMap((t, ti) => [
      ...Array.from({ length: 8 }, (_, k) =>
        order(`${ti}-${k}`, { town: t.town, latitude: t.lat + (rnd() - 0.5) * 0.006, longitude: t.lon + (rnd() - 0.5) * 0.006 }),
      ),
      order(`${ti}-x`, { town: t.town }),
    ]);
    const plans = assignOrders({ workers: workers(4), orders, depot: BUREAU_OFFICE });
    const holder = holderOf(plans);
    for (let ti = 0; ti < towns.length; ti++) expect(holder.get(`${ti}-x`)).toBe(holder.get(`${ti}-0`));
    expect(plans.every((p) => p.estimatedPositions === 1 && p.routeKm !== null)).toBe(true);
  });

  it('without any coordinates, groups by map sheet and town, and reports no distance', () => {
    const orders = ['北', '中', '南'].flatMap((sheet) =>
      [`${sheet}A町`, `${sheet}B町`].flatMap((town) => Array.from({ length: 5 }, (_, k) => order(`${town}-${k}`, { town, mapSheet: sheet }))),
    );
    const plans = assignOrders({ workers: workers(3), orders, depot: BUREAU_OFFICE });
    for (const p of plans) {
      expect(p.orders).toHaveLength(10);
      expect(new Set(p.orders.map((id) => id[0])).size).toBe(1); // one map sheet each
      expect(p.routeKm).toBeNull();
      expect(p.estimatedPositions).toBe(0); // stand-ins: nothing to estimate from
      // each town's orders are visited one after the other
      const towns = p.orders.map((id) => id.split('-')[0]);
      expect(towns.filter((t, i) => i === 0 || t !== towns[i - 1]).length).toBe(2);
    }
  });

  it('planRoutes re-plans only the given workers and keeps who holds what', () => {
    const orders = randomCityOrders(12, 3).map((o, i) => ({ ...o, workerId: i % 2 === 0 ? 'w01' : 'w02', fixed: true }));
    const plans = planRoutes({ workers: ['w02'], orders, depot: BUREAU_OFFICE });
    expect(plans).toHaveLength(1);
    expect([...plans[0]!.orders].sort()).toEqual(orders.filter((_, i) => i % 2 === 1).map((o) => o.id));
  });
});
