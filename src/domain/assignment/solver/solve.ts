import { neighbourLists, pathCost, type RoutingProblem } from './problem.ts';
import { seededRandom } from './prng.ts';
import { recreate, type WorkCounter } from './recreate.ts';
import { improveRoutes, interRouteSearch } from './local-search.ts';
import { ruinStrings } from './ruin.ts';
import { RoutesState } from './state.ts';

/**
 * Improvement solver: ruin and recreate (SISR string removal, greedy insertion with blinks) under
 * simulated annealing, then 2-opt/or-opt on every route and a neighbour-list relocate/swap search on the
 * best solution. The best solution within every load band is kept; when an
 * initial solution is given, each band is widened to take it in, so the result is never worse than it.
 *
 * Deterministic: a seeded generator, and a budget in work units (insertion places and local-search steps
 * evaluated), so the same problem gives the same routes. The optional `shouldStop` guard (e.g. a
 * wall-clock limit injected by the application) breaks that: when it fires, the best so far is returned.
 */
export interface SolveOptions {
  initial?: readonly (readonly number[])[];
  seed?: number;
  workUnits?: number; // default: scaled by problem size
  shouldStop?: () => boolean;
}

export interface SolveResult {
  routes: number[][];
  distance: number;
  feasible: boolean;
  attempts: number;
}

const NEIGHBOURS = 40;
const STOP_CHECK_EVERY = 64;

export function solveRoutes(input: RoutingProblem, options: SolveOptions = {}): SolveResult {
  const problem = options.initial ? widenedToInitial(input, options.initial) : input;
  const start = options.initial ?? problem.routes.map(() => []);
  const state = new RoutesState(problem, start);
  const adjacency = neighbourLists(problem, NEIGHBOURS);
  const rnd = seededRandom(options.seed ?? 1);
  const params = tuning(problem, adjacency);
  const work: WorkCounter = { units: 0 };
  if (!options.initial) constructAll(state, adjacency, rnd, params, work);
  let best = record(state, null);
  let current = objective(state, params.penalty);
  const budget = options.workUnits ?? defaultWorkUnits(problem);
  let attempts = 0;
  while (work.units < budget && problem.customers.length > 1) {
    if (attempts % STOP_CHECK_EVERY === 0 && options.shouldStop?.()) break;
    attempts++;
    const temperature = params.t0 * Math.pow(params.tf / params.t0, work.units / budget);
    const removed = ruinStrings(state, adjacency, rnd, params.ruin);
    recreate(state, removed, adjacency, rnd, params.recreate, work);
    const next = objective(state, params.penalty);
    if (next < current - temperature * Math.log(rnd())) {
      state.commit();
      current = next;
      best = record(state, best);
    } else state.revert();
  }
  return finish(problem, best, adjacency, work, attempts, options.initial);
}

function finish(
  problem: RoutingProblem,
  best: Best | null,
  adjacency: Int32Array[],
  work: WorkCounter,
  attempts: number,
  initial?: readonly (readonly number[])[],
): SolveResult {
  if (!best) return { routes: problem.routes.map(() => []), distance: Infinity, feasible: false, attempts };
  const state = new RoutesState(problem, best.routes);
  improveRoutes(state, state.seqs.keys(), work);
  state.commit();
  interRouteSearch(state, adjacency, work);
  if (initial) keepUnimprovedRoutes(state, initial);
  return { routes: state.snapshot(), distance: state.distance(), feasible: true, attempts };
}

/** A route with the same customers as at the start and no shorter keeps its starting order (no change for nothing). */
function keepUnimprovedRoutes(state: RoutesState, initial: readonly (readonly number[])[]): void {
  state.seqs.forEach((seq, r) => {
    const before = initial[r]!;
    if (seq.length !== before.length || !before.every((n) => state.routeOf[n] === r)) return;
    const spec = state.problem.routes[r]!;
    if (pathCost(state.problem, spec.start, before, spec.end) <= state.cost[r]! + 1e-9) {
      state.seqs[r] = [...before];
      state.refresh(r);
    }
  });
}

interface Best {
  routes: number[][];
  distance: number;
}

function record(state: RoutesState, best: Best | null): Best | null {
  if (state.violation() > 1e-9) return best;
  const distance = state.distance();
  if (best && distance >= best.distance - 1e-9) return best;
  return { routes: state.snapshot(), distance };
}

function objective(state: RoutesState, penalty: number): number {
  return state.distance() + penalty * state.violation();
}

function constructAll(state: RoutesState, adjacency: Int32Array[], rnd: () => number, params: Tuning, work: WorkCounter): void {
  recreate(state, Array.from(state.problem.customers), adjacency, rnd, params.recreate, work);
  improveRoutes(state, state.seqs.keys(), work);
  state.commit();
}

/** Each route's band widened to include its load in the initial solution. */
function widenedToInitial(p: RoutingProblem, initial: readonly (readonly number[])[]): RoutingProblem {
  const routes = p.routes.map((spec, r) => {
    const load = initial[r]!.reduce((s, n) => s + p.weight[n]!, spec.baseLoad);
    return { ...spec, upper: Math.max(spec.upper, load), lower: Math.min(spec.lower, load) };
  });
  return { ...p, routes };
}

/** Budget: 12,000 work units per customer, at most 10 million (a unit ≈ one insertion place tried; ≈ 0.1 s per million). */
export function defaultWorkUnits(p: RoutingProblem): number {
  return Math.min(12_000 * p.customers.length, 10_000_000);
}

interface Tuning {
  t0: number;
  tf: number;
  penalty: number;
  ruin: { averageRemoved: number; maxStringLength: number };
  recreate: { blinkRate: number; penalty: number; candidateNeighbours: number };
}

/** Temperatures and penalty in the problem's own distance unit: the mean distance to the nearest neighbour. */
function tuning(p: RoutingProblem, adjacency: Int32Array[]): Tuning {
  let sum = 0;
  let count = 0;
  for (const c of p.customers) {
    const nb = adjacency[c]![0];
    if (nb === undefined) continue;
    sum += p.dist[c * p.size + nb]!;
    count++;
  }
  const unit = count > 0 && sum > 0 ? sum / count : 1;
  let weight = 0;
  for (const c of p.customers) weight += p.weight[c]!;
  const meanWeight = p.customers.length > 0 && weight > 0 ? weight / p.customers.length : 1;
  const penalty = (50 * unit) / meanWeight;
  return {
    t0: 0.3 * unit,
    tf: 0.003 * unit,
    penalty,
    ruin: { averageRemoved: 10, maxStringLength: 10 },
    recreate: { blinkRate: 0.01, penalty, candidateNeighbours: 20 },
  };
}
