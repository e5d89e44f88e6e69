import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveRoutes } from '../../../../src/domain/assignment/solver/solve.ts';
import type { RoutingProblem } from '../../../../src/domain/assignment/solver/problem.ts';
import { bruteForceOptimum, randomProblem, routeLoad, solutionCost } from '../../../support/routing-problems.ts';

/** Every customer exactly once; tied nodes on their route; nothing new on a route that does not receive. */
function expectFeasible(p: RoutingProblem, routes: number[][], initial?: number[][]): void {
  expect(routes.flat().sort((a, b) => a - b)).toEqual(Array.from(p.customers));
  routes.forEach((seq, r) => {
    for (const n of seq) {
      if (p.fixedTo[n]! >= 0) expect(p.fixedTo[n]).toBe(r);
      else if (!p.routes[r]!.receives) expect(initial?.[r]).toContain(n);
    }
    const load = routeLoad(p, routes, r);
    const start = initial ? routeLoad(p, initial, r) : load;
    expect(load).toBeLessThanOrEqual(Math.max(p.routes[r]!.upper, start) + 1e-9);
    expect(load).toBeGreaterThanOrEqual(Math.min(p.routes[r]!.lower, start) - 1e-9);
  });
}

describe('solveRoutes (ruin and recreate)', () => {
  it('reaches the optimum of small capacitated problems (brute force, 7 customers, 2 routes)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const p = randomProblem(seed, 7, [{ upper: 9 }, { upper: 9 }], { weights: [3, 2, 1, 2] });
      const result = solveRoutes(p);
      expect(result.feasible).toBe(true);
      expectFeasible(p, result.routes);
      expect(result.distance).toBeCloseTo(bruteForceOptimum(p), 6);
    }
  });

  it('reaches the optimum under a workload band with unequal weights (8 customers, 3 routes)', () => {
    const band = { lower: 3, upper: 4 };
    const p = randomProblem(42, 8, [band, band, band], { weights: [1, 2, 1, 1] });
    const result = solveRoutes(p, { initial: [[1, 2], [3, 4, 5], [6, 7, 8]] });
    expect(result.distance).toBeCloseTo(bruteForceOptimum(p), 6);
  });

  it('keeps tied nodes on their route, the band, and gives nothing new to a route that does not receive', () => {
    const p = randomProblem(3, 30, [{ lower: 9, upper: 11 }, { lower: 9, upper: 11 }, { receives: false }], {
      weights: [1, 1, 2],
      fixedTo: { 1: 0, 2: 1, 29: 2, 30: 2 },
    });
    const initial = [Array.from({ length: 13 }, (_, i) => i + 1), Array.from({ length: 15 }, (_, i) => i + 14), [29, 30]];
    const result = solveRoutes(p, { initial });
    expectFeasible(p, result.routes, initial);
    expect(result.routes[2]!.sort()).toEqual([29, 30]);
    expect(result.distance).toBeLessThanOrEqual(solutionCost(p, initial) + 1e-9);
  });

  it('starts routes at their own start node (the last visited site) and counts the base load', () => {
    const p = randomProblem(5, 12, [{ start: 12, baseLoad: 3, upper: 8 }, { upper: 8 }]);
    const customers = Int32Array.from({ length: 11 }, (_, i) => i + 1);
    const problem = { ...p, customers };
    const result = solveRoutes(problem, { initial: [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]] });
    expect(result.routes.flat()).not.toContain(12);
    expect(routeLoad(problem, result.routes, 0)).toBeLessThanOrEqual(8);
    expect(result.distance).toBeCloseTo(solutionCost(problem, result.routes), 9);
  });

  it('returns the best so far when the injected guard stops it, never worse than the start', () => {
    const p = randomProblem(8, 40, [{}, {}, {}]);
    const initial = [Array.from({ length: 40 }, (_, i) => i + 1), [], []];
    const result = solveRoutes(p, { initial, shouldStop: () => true });
    expect(result.attempts).toBe(0);
    expectFeasible(p, result.routes, initial);
    expect(result.distance).toBeLessThanOrEqual(solutionCost(p, initial) + 1e-9);
  });

  it('on random small problems: feasible, never worse than the start, the same result every run', () => {
    const problemArb = fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      customers: fc.integer({ min: 1, max: 25 }),
      routes: fc.integer({ min: 1, max: 4 }),
      weights: fc.array(fc.constantFrom(1, 2, 3), { minLength: 1, maxLength: 5 }),
      tied: fc.array(fc.nat(), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(problemArb, (a) => {
        const initial: number[][] = Array.from({ length: a.routes }, () => []);
        for (let c = 1; c <= a.customers; c++) initial[c % a.routes]!.push(c);
        const fixedTo = Object.fromEntries(a.tied.map((t) => [1 + (t % a.customers), (1 + (t % a.customers)) % a.routes]));
        const upper = Math.ceil((a.customers * 3) / a.routes / 1.5);
        const p = randomProblem(a.seed, a.customers, initial.map(() => ({ upper, lower: 1 })), { weights: a.weights, fixedTo });
        const result = solveRoutes(p, { initial, workUnits: 20_000 });
        expectFeasible(p, result.routes, initial);
        expect(result.distance).toBeLessThanOrEqual(solutionCost(p, initial) + 1e-9);
        expect(solveRoutes(p, { initial, workUnits: 20_000 })).toEqual(result);
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
