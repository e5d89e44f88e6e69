import { improveRoute } from '../route.ts';
import { allowedOn, awayCost, bandViolation, type RoutingProblem } from './problem.ts';
import type { WorkCounter } from './recreate.ts';
import type { RoutesState } from './state.ts';

/**
 * Cheap local search. Within a route: 2-opt and or-opt (route.ts). Between routes, through neighbour
 * lists only: a customer moves next to one of its nearest neighbours on another route (relocate), or
 * trades places with it (swap, any weights), whenever that shortens the total distance and both routes
 * stay within their load band (a node away from its `home` route counts its bonus as distance). First improvement;
 * repeats until nothing improves.
 */
const EPS = 1e-9;

export function improveRoutes(state: RoutesState, routes: Iterable<number>, work: WorkCounter): void {
  const p = state.problem;
  const d = (a: number, b: number) => p.dist[a * p.size + b]!;
  for (const r of routes) {
    const seq = state.seqs[r]!;
    if (seq.length < 3) continue;
    const spec = p.routes[r]!;
    work.units += seq.length * seq.length;
    state.touch(r);
    state.seqs[r] = improveRoute(d, spec.start, seq, spec.end);
    state.refresh(r);
  }
}

export function interRouteSearch(state: RoutesState, adjacency: Int32Array[], work: WorkCounter, maxRounds = 50): void {
  for (let round = 0; round < maxRounds; round++) {
    const changed = new Set<number>();
    for (const c of state.problem.customers) {
      for (const nb of adjacency[c]!) {
        work.units += 4;
        if (tryRelocate(state, c, nb, changed) || trySwap(state, c, nb, changed)) break;
      }
    }
    if (changed.size === 0) return;
    improveRoutes(state, changed, work);
    state.commit();
  }
}

const at = (state: RoutesState, r: number, i: number) => {
  const seq = state.seqs[r]!;
  const spec = state.problem.routes[r]!;
  return i < 0 ? spec.start : i >= seq.length ? spec.end : seq[i]!;
};

function withinBand(p: RoutingProblem, state: RoutesState, r: number, delta: number): boolean {
  const spec = p.routes[r]!;
  const now = bandViolation(spec, state.load[r]!);
  return bandViolation(spec, state.load[r]! + delta) <= now + EPS;
}

/** Moves c right before or after nb (on another route). */
function tryRelocate(state: RoutesState, c: number, nb: number, changed: Set<number>): boolean {
  const p = state.problem;
  const [ra, rb] = [state.routeOf[c]!, state.routeOf[nb]!];
  if (ra === rb || !allowedOn(p, c, rb)) return false;
  const w = p.weight[c]!;
  if (!withinBand(p, state, ra, -w) || !withinBand(p, state, rb, w)) return false;
  const d = (x: number, y: number) => p.dist[x * p.size + y]!;
  const i = state.seqs[ra]!.indexOf(c);
  const [pc, nc] = [at(state, ra, i - 1), at(state, ra, i + 1)];
  const gain = d(pc, c) + d(c, nc) - d(pc, nc) + awayCost(p, c, ra) - awayCost(p, c, rb);
  const j = state.seqs[rb]!.indexOf(nb);
  for (const q of [j, j + 1]) {
    const [u, v] = [at(state, rb, q - 1), at(state, rb, q)];
    if (d(u, c) + d(c, v) - d(u, v) - gain < -EPS) {
      for (const r of [ra, rb]) state.touch(r);
      state.seqs[ra]!.splice(i, 1);
      state.seqs[rb]!.splice(q, 0, c);
      for (const r of [ra, rb]) state.refresh(r), changed.add(r);
      return true;
    }
  }
  return false;
}

/** c and nb (on another route) trade places. */
function trySwap(state: RoutesState, c: number, nb: number, changed: Set<number>): boolean {
  const p = state.problem;
  const [ra, rb] = [state.routeOf[c]!, state.routeOf[nb]!];
  if (ra === rb || !allowedOn(p, c, rb) || !allowedOn(p, nb, ra)) return false;
  const dw = p.weight[nb]! - p.weight[c]!;
  if (!withinBand(p, state, ra, dw) || !withinBand(p, state, rb, -dw)) return false;
  const d = (x: number, y: number) => p.dist[x * p.size + y]!;
  const i = state.seqs[ra]!.indexOf(c);
  const j = state.seqs[rb]!.indexOf(nb);
  const [pa, na, pb, nb2] = [at(state, ra, i - 1), at(state, ra, i + 1), at(state, rb, j - 1), at(state, rb, j + 1)];
  const away = awayCost(p, c, rb) - awayCost(p, c, ra) + awayCost(p, nb, ra) - awayCost(p, nb, rb);
  const delta = d(pa, nb) + d(nb, na) - d(pa, c) - d(c, na) + d(pb, c) + d(c, nb2) - d(pb, nb) - d(nb, nb2) + away;
  if (delta >= -EPS) return false;
  for (const r of [ra, rb]) state.touch(r);
  state.seqs[ra]![i] = nb;
  state.seqs[rb]![j] = c;
  for (const r of [ra, rb]) state.refresh(r), changed.add(r);
  return true;
}
