import { allowedOn, bandViolation, type RoutingProblem } from './problem.ts';
import type { Random } from './prng.ts';
import type { RoutesState } from './state.ts';

/**
 * Greedy insertion with blinks (SISR recreate): the removed customers, sorted at random, by weight, by
 * distance from the office far-first or close-first, go one by one to their cheapest place, where each
 * place is skipped with a small probability. Cost = added distance + penalty × added band violation.
 * Only routes holding one of the customer's nearest neighbours (and one empty route) are tried first;
 * when none of them takes the customer without violation, every route is tried.
 */
export interface RecreateParams {
  blinkRate: number;
  penalty: number;
  candidateNeighbours: number;
}

export interface WorkCounter {
  units: number;
}

export function recreate(
  state: RoutesState,
  removed: number[],
  adjacency: Int32Array[],
  rnd: Random,
  params: RecreateParams,
  work: WorkCounter,
): void {
  sortRemoved(state.problem, removed, rnd);
  for (const c of removed) {
    let best = bestPlace(state, c, candidateRoutes(state, c, adjacency, params), rnd, params, work);
    if (best.violates) {
      const all = Array.from(state.seqs, (_, r) => r);
      const wider = bestPlace(state, c, all, rnd, params, work);
      if (wider.cost < best.cost) best = wider;
    }
    state.touch(best.route);
    state.seqs[best.route]!.splice(best.at, 0, c);
    state.refresh(best.route);
  }
}

function sortRemoved(p: RoutingProblem, removed: number[], rnd: Random): void {
  const depot = p.routes[0]!.end;
  const far = (n: number) => p.dist[depot * p.size + n]!;
  const pick = rnd() * 11;
  if (pick < 4) {
    for (let i = removed.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [removed[i], removed[j]] = [removed[j]!, removed[i]!];
    }
  } else if (pick < 8) removed.sort((a, b) => p.weight[b]! - p.weight[a]! || a - b);
  else if (pick < 10) removed.sort((a, b) => far(b) - far(a) || a - b);
  else removed.sort((a, b) => far(a) - far(b) || a - b);
}

function candidateRoutes(state: RoutesState, c: number, adjacency: Int32Array[], params: RecreateParams): number[] {
  const p = state.problem;
  if (p.fixedTo[c]! >= 0) return [p.fixedTo[c]!];
  const routes = new Set<number>();
  const around = adjacency[c]!;
  for (let i = 0; i < around.length && i < params.candidateNeighbours; i++) {
    const r = state.routeOf[around[i]!]!;
    if (r >= 0) routes.add(r);
  }
  const empty = state.seqs.findIndex((s, r) => s.length === 0 && p.routes[r]!.receives);
  if (empty >= 0) routes.add(empty);
  return [...routes].sort((a, b) => a - b);
}

interface Place {
  route: number;
  at: number;
  cost: number;
  violates: boolean;
}

function bestPlace(state: RoutesState, c: number, routes: readonly number[], rnd: Random, params: RecreateParams, work: WorkCounter): Place {
  const p = state.problem;
  const { dist, size } = p;
  let best: Place = { route: -1, at: 0, cost: Infinity, violates: true };
  for (const r of routes) {
    if (!allowedOn(p, c, r)) continue;
    const spec = p.routes[r]!;
    const load = state.load[r]!;
    const extra = bandViolation(spec, load + p.weight[c]!) - bandViolation(spec, load);
    const seq = state.seqs[r]!;
    work.units += seq.length + 1;
    for (let q = 0; q <= seq.length; q++) {
      const u = q === 0 ? spec.start : seq[q - 1]!;
      const v = q === seq.length ? spec.end : seq[q]!;
      const cost = dist[u * size + c]! + dist[c * size + v]! - dist[u * size + v]! + params.penalty * extra;
      if (cost < best.cost && (best.route < 0 || rnd() >= params.blinkRate)) {
        best = { route: r, at: q, cost, violates: extra > 1e-9 };
      }
    }
  }
  return best;
}
