import { loadBands } from './cluster.ts';
import type { RoutingProblem } from './solver/problem.ts';
import { solveRoutes } from './solver/solve.ts';

/**
 * The day as a routing problem for the improvement solver (solver/solve.ts): node 0 is the office, node
 * i + 1 is order i. Each worker's route starts at the office or at the last order already visited and ends
 * at the office; visited orders are not moved (their weight is the route's base load), orders fixed to a
 * worker stay on that worker's route, and workers not eligible take nothing new. The load band is the
 * clustering's, fair share ± half the heaviest free order (cluster.ts loadBands), with its ends left out:
 * with weights 1 and 2 every workload stays within 1 of the others, as the clustering's repair leaves
 * them. The solver widens each band to take in the construction, which is the starting solution.
 */
const OPEN = 1e-6; // keeps the band's ends out

export interface DayRoute {
  start: number;
  seq: number[];
  baseLoad: number; // weight of the visited orders
  receives: boolean;
}

export interface DayNodes {
  dist: Float64Array; // (orders + 1)², node 0 = office
  weight: readonly number[]; // per order
  fixed: readonly boolean[]; // per order
  /** Per order, the route that held it before (-1: none), and what keeping it there is worth (km). */
  home?: { route: readonly number[]; bonus: number };
}

export interface ImproveOptions {
  shouldStop?: () => boolean;
  workUnits?: number;
}

export function improveDay(nodes: DayNodes, routes: readonly DayRoute[], options: ImproveOptions = {}): number[][] {
  const problem = dayProblem(nodes, routes);
  const result = solveRoutes(problem, { initial: routes.map((r) => r.seq), ...options });
  return result.routes;
}

function dayProblem(nodes: DayNodes, routes: readonly DayRoute[]): RoutingProblem {
  const size = nodes.weight.length + 1;
  const weight = new Float64Array(size);
  nodes.weight.forEach((w, i) => (weight[i + 1] = w));
  const fixedTo = new Int32Array(size).fill(-1);
  routes.forEach((r, index) => r.seq.forEach((n) => nodes.fixed[n - 1] && (fixedTo[n] = index)));
  const bands = workloadBands(nodes, routes, weight);
  return {
    size,
    dist: nodes.dist,
    weight,
    fixedTo,
    customers: Int32Array.from(routes.flatMap((r) => r.seq)).sort(),
    routes: routes.map((r, i) => ({ start: r.start, end: 0, baseLoad: r.baseLoad, receives: r.receives, ...bands[i]! })),
    ...(nodes.home ? { home: { route: Int32Array.from([-1, ...nodes.home.route]), bonus: nodes.home.bonus } } : {}),
  };
}

/** Band per route; a route that takes nothing new has no band (its orders cannot leave it). */
function workloadBands(nodes: DayNodes, routes: readonly DayRoute[], weight: Float64Array): { lower: number; upper: number }[] {
  const fixedLoad = (r: DayRoute) => r.seq.reduce((s, n) => s + (nodes.fixed[n - 1] ? weight[n]! : 0), r.baseLoad);
  const free = routes.flatMap((r) => r.seq.filter((n) => !nodes.fixed[n - 1]).map((n) => ({ weight: weight[n]! })));
  const eligible = routes.filter((r) => r.receives);
  const bands = loadBands(
    free,
    eligible.map((r) => ({ fixedLoad: fixedLoad(r) })),
  );
  let next = 0;
  return routes.map((r) => {
    if (!r.receives) return { lower: 0, upper: Infinity };
    const band = bands[next++]!;
    return band.upper > band.lower ? { lower: band.lower + OPEN, upper: band.upper - OPEN } : band;
  });
}
