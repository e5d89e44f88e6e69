import { describe, expect, it } from 'vitest';
import { BUREAU_OFFICE, haversineKm } from '../../../../src/domain/assignment/geo.ts';
import { insertOrder } from '../../../../src/domain/assignment/insert-order.ts';
import { order, randomCityOrders, seededRandom } from '../../../support/assignment-orders.ts';

const at = (latitude: number, longitude: number) => ({ latitude, longitude });
const depot = BUREAU_OFFICE;

/** w1 works north of the office, w2 south: three stops down a line, then one to the east, and back. */
function twoRoutes() {
  const leg = (k: number) => (k < 4 ? at(0.01 * k, 0) : at(0.03, 0.02));
  const north = [1, 2, 3, 4].map((k, i) => order(`N${k}`, { ...at(depot.latitude + leg(k).latitude, depot.longitude + leg(k).longitude), workerId: 'w1', visitOrder: i + 1, fixed: true }));
  const south = [1, 2, 3, 4].map((k, i) => order(`S${k}`, { ...at(depot.latitude - leg(k).latitude, depot.longitude + leg(k).longitude), workerId: 'w2', visitOrder: i + 1, fixed: true }));
  return [...north, ...south];
}

describe('insertOrder (an order added during the day)', () => {
  it('goes to the worker and place where it adds least distance, everyone else’s visit order unchanged', () => {
    const added = order('X', at(depot.latitude - 0.025, depot.longitude - 0.001));
    const result = insertOrder({ workers: ['w1', 'w2'], orders: twoRoutes(), order: added, depot });
    expect(result).toMatchObject({ workerId: 'w2', orders: ['S1', 'S2', 'X', 'S3', 'S4'], position: 3, openWorkload: 5 });
    expect(result!.addedKm).toBeGreaterThan(0);
    expect(result!.addedKm).toBeLessThan(0.3);
  });

  it('never goes before an order already visited', () => {
    const orders = twoRoutes().map((o) => (o.id === 'S1' || o.id === 'S2' ? { ...o, visited: true } : o));
    const added = order('X', at(depot.latitude - 0.005, depot.longitude));
    const result = insertOrder({ workers: ['w2'], orders, order: added, depot })!;
    expect(result.orders.indexOf('X')).toBeGreaterThan(result.orders.indexOf('S2'));
  });

  it('keeps the workloads balanced: a worker far ahead in open work does not take it, however close', () => {
    const orders = [...twoRoutes(), ...[5, 6, 7].map((k, i) => order(`N${k}`, { ...at(depot.latitude + 0.01 * k, depot.longitude), workerId: 'w1', visitOrder: 5 + i, fixed: true }))];
    const added = order('X', at(depot.latitude + 0.015, depot.longitude));
    expect(insertOrder({ workers: ['w1', 'w2'], orders, order: added, depot })!.workerId).toBe('w2');
    const light = orders.map((o) => (o.workerId === 'w1' && o.visitOrder! <= 4 ? { ...o, visited: true } : o));
    expect(insertOrder({ workers: ['w1', 'w2'], orders: light, order: added, depot })!.workerId).toBe('w1');
  });

  it('gives it to an idle worker on duty, and to nobody when nobody may take it', () => {
    const added = order('X', at(depot.latitude, depot.longitude + 0.02));
    expect(insertOrder({ workers: ['w1', 'w2', 'w3'], orders: twoRoutes(), order: added, depot })).toMatchObject({ workerId: 'w3', orders: ['X'], position: 1 });
    expect(insertOrder({ workers: [], orders: twoRoutes(), order: added, depot })).toBeNull();
  });

  it('adds exactly the route growth it reports, and no less than any other allowed slot (50 random days)', () => {
    const rnd = seededRandom(9);
    for (let day = 0; day < 50; day++) {
      const workers = ['w1', 'w2', 'w3'];
      const orders = randomCityOrders(24, day + 1).map((o, i) => ({ ...o, workerId: workers[i % 3]!, visitOrder: Math.floor(i / 3) + 1, fixed: true }));
      const added = order('X', at(36.5 + rnd() * 0.1, 136.6 + rnd() * 0.1));
      const result = insertOrder({ workers, orders, order: added, depot })!;
      const pos = new Map([...orders, added].map((o) => [o.id, at(o.latitude!, o.longitude!)]));
      const km = (ids: string[]) => {
        const pts = [depot, ...ids.map((id) => pos.get(id)!), depot];
        return pts.slice(1).reduce((s, p, i) => s + haversineKm(pts[i]!, p), 0);
      };
      const before = orders.filter((o) => o.workerId === result.workerId).map((o) => o.id);
      expect(km(result.orders) - km(before)).toBeCloseTo(result.addedKm!, 1);
      expect(result.orders.filter((id) => id !== 'X')).toEqual(before);
      for (let q = 0; q <= before.length; q++) {
        const other = [...before.slice(0, q), 'X', ...before.slice(q)];
        expect(km(other) - km(before)).toBeGreaterThanOrEqual(result.addedKm! - 0.01);
      }
    }
  });
});
