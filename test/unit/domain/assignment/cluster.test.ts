import { describe, expect, it } from 'vitest';
import { balancedClusters, loadLimits } from '../../../../src/domain/assignment/cluster.ts';
import { BUREAU_OFFICE, type LatLon } from '../../../../src/domain/assignment/geo.ts';
import { meanIntraGroupKm, randomCityOrders, seededRandom } from '../../../support/assignment-orders.ts';

const itemsOf = (count: number, seed: number) =>
  randomCityOrders(count, seed).map((o) => ({ position: { latitude: o.latitude!, longitude: o.longitude! }, weight: o.weight }));
const open = (k: number) => Array.from({ length: k }, () => ({ fixedLoad: 0, fixedPositions: [] as LatLon[] }));

function loadsOf(groupOf: number[], items: { weight: number }[], k: number): number[] {
  const loads = new Array<number>(k).fill(0);
  groupOf.forEach((g, i) => (loads[g]! += items[i]!.weight));
  return loads;
}

describe('balanced clustering (振り分け)', () => {
  it('40 orders on 5 workers: workloads differ by at most one heavy order (weight 2), over 20 days', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const items = itemsOf(40, seed);
      const loads = loadsOf(balancedClusters(items, open(5), BUREAU_OFFICE), items, 5);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    }
  });

  it('keeps each worker together: mean distance inside a worker about half that of a random split', () => {
    // For points spread evenly over a square, five compact cells give ≈ 0.45 × the mean distance of
    // the whole square; a random split keeps 1.0. Checked over ten days.
    const ratios = [];
    for (let seed = 1; seed <= 10; seed++) {
      const items = itemsOf(40, seed);
      const groupOf = balancedClusters(items, open(5), BUREAU_OFFICE);
      const ours = meanIntraGroupKm([0, 1, 2, 3, 4].map((g) => items.filter((_, i) => groupOf[i] === g).map((it) => it.position)));
      const rnd = seededRandom(99 + seed);
      const shuffled = items.map((it) => it.position).sort(() => rnd() - 0.5);
      const random = meanIntraGroupKm([0, 1, 2, 3, 4].map((g) => shuffled.filter((_, i) => i % 5 === g)));
      ratios.push(ours / random);
    }
    expect(Math.max(...ratios)).toBeLessThan(0.6);
    expect(ratios.reduce((s, r) => s + r, 0) / ratios.length).toBeLessThan(0.52);
  });

  it('counts orders already fixed to a worker towards its share', () => {
    const items = itemsOf(30, 8).map((it) => ({ ...it, weight: 1 }));
    const groups = open(3);
    groups[0] = { fixedLoad: 6, fixedPositions: [BUREAU_OFFICE] };
    const loads = loadsOf(balancedClusters(items, groups, BUREAU_OFFICE), items, 3);
    expect(loads[0]! + 6).toBe(12); // (30 + 6) / 3 each
    expect(loads[1]).toBe(12);
    expect(loads[2]).toBe(12);
  });

  it('gives nothing more to a worker whose fixed orders exceed the share', () => {
    const items = itemsOf(10, 4).map((it) => ({ ...it, weight: 1 }));
    const groups = [{ fixedLoad: 20, fixedPositions: [BUREAU_OFFICE] }, ...open(2)];
    expect(loadLimits(items, groups)).toEqual([20, 5.5, 5.5]);
    const loads = loadsOf(balancedClusters(items, groups, BUREAU_OFFICE), items, 3);
    expect(loads).toEqual([0, 5, 5]);
  });

  it('is deterministic, and handles one group or no items', () => {
    const items = itemsOf(25, 3);
    expect(balancedClusters(items, open(4), BUREAU_OFFICE)).toEqual(balancedClusters(items, open(4), BUREAU_OFFICE));
    expect(balancedClusters(items, open(1), BUREAU_OFFICE).every((g) => g === 0)).toBe(true);
    expect(balancedClusters([], open(3), BUREAU_OFFICE)).toEqual([]);
    expect(() => balancedClusters(items, [], BUREAU_OFFICE)).toThrow();
  });
});
