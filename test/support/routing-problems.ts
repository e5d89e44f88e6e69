import type { RoutingProblem, RouteSpec } from '../../src/domain/assignment/solver/problem.ts';
import { seededRandom } from './assignment-orders.ts';

/** Small routing problems for the solver tests: random points in a 100 × 100 square, node 0 the depot. */
export function randomProblem(
  seed: number,
  customers: number,
  routes: readonly Partial<RouteSpec>[],
  options: { weights?: readonly number[]; fixedTo?: Record<number, number> } = {},
): RoutingProblem {
  const rnd = seededRandom(seed);
  const size = customers + 1;
  const xs = Array.from({ length: size }, () => [rnd() * 100, rnd() * 100] as const);
  const dist = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) dist[a * size + b] = Math.hypot(xs[a]![0] - xs[b]![0], xs[a]![1] - xs[b]![1]);
  }
  const weight = Float64Array.from({ length: size }, (_, i) => (i === 0 ? 0 : (options.weights?.[(i - 1) % options.weights.length] ?? 1)));
  const fixedTo = new Int32Array(size).fill(-1);
  for (const [node, route] of Object.entries(options.fixedTo ?? {})) fixedTo[Number(node)] = route;
  return {
    size,
    dist,
    weight,
    fixedTo,
    customers: Int32Array.from({ length: customers }, (_, i) => i + 1),
    routes: routes.map((r) => ({ start: 0, end: 0, baseLoad: 0, upper: Infinity, lower: 0, receives: true, ...r })),
  };
}

/** Distance of a whole solution. */
export function solutionCost(p: RoutingProblem, routes: readonly (readonly number[])[]): number {
  return routes.reduce((total, seq, r) => {
    const spec = p.routes[r]!;
    const path = [spec.start, ...seq, spec.end];
    return total + path.slice(1).reduce((s, node, i) => s + p.dist[path[i]! * p.size + node]!, 0);
  }, 0);
}

export function routeLoad(p: RoutingProblem, routes: readonly (readonly number[])[], r: number): number {
  return routes[r]!.reduce((s, n) => s + p.weight[n]!, p.routes[r]!.baseLoad);
}

/** The optimum by brute force: every split of the customers over the routes, every order within each. */
export function bruteForceOptimum(p: RoutingProblem): number {
  const customers = Array.from(p.customers);
  const k = p.routes.length;
  let best = Infinity;
  const split = (i: number, groups: number[][]) => {
    if (i === customers.length) {
      let total = 0;
      for (let r = 0; r < k; r++) {
        const load = routeLoad(p, groups, r);
        if (load > p.routes[r]!.upper + 1e-9 || load < p.routes[r]!.lower - 1e-9) return;
        total += bestPath(p, r, groups[r]!);
      }
      best = Math.min(best, total);
      return;
    }
    for (let r = 0; r < k; r++) {
      groups[r]!.push(customers[i]!);
      split(i + 1, groups);
      groups[r]!.pop();
    }
  };
  split(0, Array.from({ length: k }, () => []));
  return best;
}

function bestPath(p: RoutingProblem, r: number, nodes: number[]): number {
  let best = Infinity;
  const permute = (rest: number[], seq: number[]) => {
    if (rest.length === 0) best = Math.min(best, solutionCost({ ...p, routes: [p.routes[r]!] }, [seq]));
    rest.forEach((n, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...seq, n]));
  };
  permute(nodes, []);
  return best;
}
