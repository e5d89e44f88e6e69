import { improveRoute, type Dist } from './route.ts';

/**
 * Improves the day as a whole once every worker has a route: an order moves to another worker's route
 * (at its cheapest place) or two orders of equal weight trade places, whenever that shortens the total
 * distance. A move never widens the gap between the two workloads (load(A) − load(B) ≥ w), so the
 * balance reached by clustering is kept. Only movable nodes (orders not fixed to a worker) move.
 */
export interface RouteState {
  start: number;
  end: number;
  seq: number[];
  load: number;
  receives: boolean;
}

export interface RefineRules {
  weight(node: number): number;
  movable(node: number): boolean;
}

const EPS = 1e-9;
const MAX_PASSES = 10;

export function refineRoutes(d: Dist, routes: RouteState[], rules: RefineRules): void {
  if (routes.length < 2) return;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const changed = new Set<number>();
    relocatePass(d, routes, rules, changed);
    swapPass(d, routes, rules, changed);
    if (changed.size === 0) return;
    for (const r of changed) {
      const route = routes[r]!;
      route.seq = improveRoute(d, route.start, route.seq, route.end);
    }
  }
}

const prevOf = (r: RouteState, p: number) => (p === 0 ? r.start : r.seq[p - 1]!);
const nextOf = (r: RouteState, p: number) => (p === r.seq.length - 1 ? r.end : r.seq[p + 1]!);

function relocatePass(d: Dist, routes: RouteState[], rules: RefineRules, changed: Set<number>): void {
  for (let a = 0; a < routes.length; a++) {
    const from = routes[a]!;
    for (let p = 0; p < from.seq.length; p++) {
      const x = from.seq[p]!;
      if (!rules.movable(x)) continue;
      const gain = d(prevOf(from, p), x) + d(x, nextOf(from, p)) - d(prevOf(from, p), nextOf(from, p));
      const target = bestInsertion(d, routes, a, x, rules.weight(x));
      if (!target || target.cost - gain >= -EPS) continue;
      from.seq.splice(p, 1);
      routes[target.route]!.seq.splice(target.at, 0, x);
      from.load -= rules.weight(x);
      routes[target.route]!.load += rules.weight(x);
      changed.add(a).add(target.route);
      p--;
    }
  }
}

function bestInsertion(
  d: Dist,
  routes: readonly RouteState[],
  fromIndex: number,
  x: number,
  w: number,
): { route: number; at: number; cost: number } | null {
  let best: { route: number; at: number; cost: number } | null = null;
  const fromLoad = routes[fromIndex]!.load;
  for (let b = 0; b < routes.length; b++) {
    const to = routes[b]!;
    if (b === fromIndex || !to.receives || fromLoad - to.load < w - EPS) continue;
    for (let q = 0; q <= to.seq.length; q++) {
      const u = q === 0 ? to.start : to.seq[q - 1]!;
      const v = q === to.seq.length ? to.end : to.seq[q]!;
      const cost = d(u, x) + d(x, v) - d(u, v);
      if (!best || cost < best.cost - EPS) best = { route: b, at: q, cost };
    }
  }
  return best;
}

function swapPass(d: Dist, routes: RouteState[], rules: RefineRules, changed: Set<number>): void {
  for (let a = 0; a < routes.length; a++) {
    for (let b = a + 1; b < routes.length; b++) {
      if (swapBetween(d, routes[a]!, routes[b]!, rules)) changed.add(a).add(b);
    }
  }
}

function swapBetween(d: Dist, ra: RouteState, rb: RouteState, rules: RefineRules): boolean {
  let swapped = false;
  for (let p = 0; p < ra.seq.length; p++) {
    const x = ra.seq[p]!;
    if (!rules.movable(x)) continue;
    for (let q = 0; q < rb.seq.length; q++) {
      const y = rb.seq[q]!;
      if (!rules.movable(y) || Math.abs(rules.weight(x) - rules.weight(y)) > EPS) continue;
      const [pa, na, pb, nb] = [prevOf(ra, p), nextOf(ra, p), prevOf(rb, q), nextOf(rb, q)];
      const delta =
        d(pa, y) + d(y, na) - d(pa, x) - d(x, na) + (d(pb, x) + d(x, nb) - d(pb, y) - d(y, nb));
      if (delta >= -EPS) continue;
      ra.seq[p] = y;
      rb.seq[q] = x;
      swapped = true;
      break;
    }
  }
  return swapped;
}
