import { describe, expect, it } from 'vitest';
import { DistanceMatrix, BUREAU_OFFICE } from '../../../../src/domain/assignment/geo.ts';
import { improveRoute, nearestNeighbour, orOptPass, pathLength, planRoute } from '../../../../src/domain/assignment/route.ts';
import { seededRandom, shuffledGrid } from '../../../support/assignment-orders.ts';

function table(points: { latitude: number; longitude: number }[]) {
  const m = new DistanceMatrix([BUREAU_OFFICE, ...points]);
  const nodes = points.map((_, i) => i + 1);
  return { d: (a: number, b: number) => m.d(a, b), nodes };
}

describe('route (足順)', () => {
  it('on a shuffled 7×7 grid, is far shorter than the import order and close to the best tour', () => {
    const grid = shuffledGrid(7, 11);
    const { d, nodes } = table(grid);
    const importKm = pathLength(d, 0, nodes, 0);
    const plannedKm = pathLength(d, 0, planRoute(d, 0, nodes, 0), 0);
    // 49 points 0.5 km apart: no tour through them is shorter than 48 × 0.5 km plus the way there and back.
    const lowerBound = 48 * 0.49 + 2 * Math.min(...nodes.map((n) => d(0, n)));
    expect(plannedKm).toBeLessThan(importKm * 0.3);
    expect(plannedKm).toBeLessThan(lowerBound * 1.15);
  });

  it('2-opt and or-opt never make the nearest-neighbour route longer (100 random days)', () => {
    const rnd = seededRandom(3);
    for (let day = 0; day < 100; day++) {
      const count = 2 + Math.floor(rnd() * 30);
      const points = Array.from({ length: count }, () => ({ latitude: 36.5 + rnd() * 0.1, longitude: 136.6 + rnd() * 0.1 }));
      const { d, nodes } = table(points);
      const nn = nearestNeighbour(d, 0, nodes);
      const improved = improveRoute(d, 0, nn, 0);
      expect(pathLength(d, 0, improved, 0)).toBeLessThanOrEqual(pathLength(d, 0, nn, 0) + 1e-9);
      expect([...improved].sort((a, b) => a - b)).toEqual(nodes);
    }
  });

  it('keeps the given start and end when they differ (a route resumed from the last visited site)', () => {
    // Points on a line west→east; starting at the west end and ending at the east end, the best order is the line.
    const points = [3, 1, 4, 2, 5].map((k) => ({ latitude: 36.5, longitude: 136.6 + k * 0.01 }));
    const start = { latitude: 36.5, longitude: 136.6 };
    const end = { latitude: 36.5, longitude: 136.7 };
    const m = new DistanceMatrix([start, end, ...points]);
    const d = (a: number, b: number) => m.d(a, b);
    const seq = improveRoute(d, 0, [2, 3, 4, 5, 6], 1);
    expect(seq.map((n) => points[n - 2]!.longitude)).toEqual([136.61, 136.62, 136.63, 136.64, 136.65].map((x) => expect.closeTo(x, 9)));
  });

  it('or-opt moves a stray site to its place', () => {
    const points = [1, 2, 9, 3, 4].map((k) => ({ latitude: 36.5, longitude: 136.6 + k * 0.01 }));
    const m = new DistanceMatrix([{ latitude: 36.5, longitude: 136.6 }, ...points, { latitude: 36.5, longitude: 136.7 }]);
    const d = (a: number, b: number) => m.d(a, b);
    const path = [0, 1, 2, 3, 4, 5, 6];
    expect(orOptPass(d, path)).toBe(true);
    expect(path).toEqual([0, 1, 2, 4, 5, 3, 6]);
  });

  it('is deterministic and handles empty and single-site routes', () => {
    const { d, nodes } = table(shuffledGrid(5, 2));
    expect(planRoute(d, 0, nodes, 0)).toEqual(planRoute(d, 0, nodes, 0));
    expect(planRoute(d, 0, [], 0)).toEqual([]);
    expect(planRoute(d, 0, [3], 0)).toEqual([3]);
  });
});
