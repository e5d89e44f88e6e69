import { balancedClusters } from './cluster.ts';
import { DistanceMatrix, type LatLon } from './geo.ts';
import { placeOrders, type Placement } from './placement.ts';
import { improveDay, type DayRoute, type ImproveOptions } from './improve-day.ts';
import { pathLength, planRoute, type Dist } from './route.ts';
import { keepHolders } from './keep-holders.ts';
import { rebalance } from './rebalance.ts';

/**
 * One day's 振り分け and 足順. Orders fixed to a worker (moved by the supervisor, or already visited)
 * stay with that worker and count towards the workload; the others are clustered onto the eligible
 * workers, each worker's orders are routed from the office and back (the construction), then the routes
 * are improved together by the ruin-and-recreate solver (improve-day.ts), never ending longer than the
 * construction. Visited orders open the worker's visit order as they were, and the route goes on from the
 * last of them. Routes of workers holding nothing fixed are then handed out so that most orders stay with their
 * previous holder (keep-holders.ts). Output is deterministic for the same input, whatever the input order, unless the injected
 * `shouldStop` guard fires (then the best plan found so far is returned).
 */
export interface DayOrderInput {
  id: string; // 作業番号
  weight: number;
  latitude: number | null;
  longitude: number | null;
  town: string;
  mapSheet: string | null;
  workerId: string | null; // the worker holding a fixed order (or the order to route, for planRoutes)
  visitOrder: number | null;
  fixed: boolean;
  visited: boolean;
  /** Who held the order before this run (a hint only: a re-run keeps orders with their holder where it can). */
  heldBy?: string | null;
}

export interface AssignInput {
  workers: readonly string[]; // who may receive orders
  orders: readonly DayOrderInput[];
  depot: LatLon;
}

export interface WorkerPlan {
  workerId: string;
  orders: string[]; // in visit order
  workload: number;
  routeKm: number | null; // null when a stand-in position is on the route
  /** Orders placed at their town's or map sheet's centre (not the stand-ins). */
  estimatedPositions: number;
}

interface Day {
  orders: DayOrderInput[];
  placements: Placement[];
  d: Dist;
  matrix: DistanceMatrix;
  depot: LatLon;
}

const DEPOT = 0;
/**
 * What keeping an order with its previous holder is worth: the plan keeping the previous holding may be longer in
 * total than the fresh one by this much per order it keeps more (an order changes hands only to save more than this),
 * and by at most KM_CAP of the fresh plan's length (the previous holding cannot drift far from a good plan).
 */
const KM_PER_KEPT_ORDER = 0.5;
const KM_CAP = 0.15;
/** Workload spread the kept plan may have whatever the fresh one's (with weights 1 and 2 the solver's band is ±1). */
const SPREAD_ALLOWED = 1;
const nodeOf = (orderIndex: number) => orderIndex + 1;
const orderOf = (node: number) => node - 1;

export function assignOrders(input: AssignInput, options: ImproveOptions = {}): WorkerPlan[] {
  const day = prepareDay(input.orders, input.depot);
  const workers = [...new Set([...input.workers, ...day.orders.filter((o) => o.fixed).map((o) => o.workerId!)])];
  const eligible = new Set(input.workers);
  const interchangeable = new Set(workers.filter((w) => eligible.has(w) && day.orders.every((o) => !o.fixed || o.workerId !== w)));
  const fresh = keepHolders(solveDay(day, workers, eligible, clusterFreeOrders(day, workers, eligible, input.depot), options), day.orders, interchangeable);
  const previous = previousMembership(day, workers, eligible, fresh);
  if (!previous) return fresh;
  const kept = keepHolders(solveDay(day, workers, eligible, previous, { ...options, workUnits: 0 }, true), day.orders, interchangeable);
  return keepsMore(day, kept, fresh) ? kept : fresh;
}

function solveDay(day: Day, workers: string[], eligible: Set<string>, membership: Map<string, number[]>, options: ImproveOptions, keepOrder = false): WorkerPlan[] {
  const built = workers.map((w) => (keepOrder ? heldRoute : buildRoute)(day, membership.get(w)!, eligible.has(w), w));
  const nodes = {
    dist: day.matrix.full(),
    weight: day.orders.map((o) => o.weight),
    fixed: day.orders.map((o) => o.fixed),
    ...(keepOrder ? { home: { route: day.orders.map((o) => workers.indexOf(o.heldBy ?? '')), bonus: KM_PER_KEPT_ORDER } } : {}),
  };
  const seqs = improveDay(nodes, built, options);
  return workers.map((w, i) => toPlan(day, w, { ...built[i]!, seq: seqs[i]! }, membership.get(w)!));
}

/**
 * The previous holding as a starting layout: fixed orders with their worker, free orders with the eligible worker
 * who held them, the others where the fresh plan puts them. None when no free order has such a holder.
 */
function previousMembership(day: Day, workers: string[], eligible: Set<string>, fresh: readonly WorkerPlan[]): Map<string, number[]> | null {
  const freshOf = new Map(fresh.flatMap((p) => p.orders.map((id) => [id, p.workerId] as const)));
  const held = (o: DayOrderInput) => (!o.fixed && o.heldBy && eligible.has(o.heldBy) ? o.heldBy : null);
  if (!day.orders.some(held)) return null;
  const groupOf = day.orders.map((o) => workers.indexOf(o.fixed ? o.workerId! : (held(o) ?? freshOf.get(o.id)!)));
  const free = day.orders.flatMap((o, i) => (o.fixed ? [] : [i]));
  const loads = workers.map((_, g) => day.orders.reduce((s, o, i) => s + (groupOf[i] === g ? o.weight : 0), 0));
  const freeGroups = free.map((i) => groupOf[i]!);
  const items = free.map((i) => ({ position: day.placements[i]!.position, weight: day.orders[i]!.weight }));
  rebalance(items, freeGroups, loads, workers.map((_, g) => centreOf(day, groupOf, g)), workers.map((w) => eligible.has(w)));
  free.forEach((i, k) => (groupOf[i] = freeGroups[k]!));
  return new Map(workers.map((w, g) => [w, groupOf.flatMap((x, i) => (x === g ? [i] : []))]));
}

function centreOf(day: Day, groupOf: readonly number[], g: number): LatLon {
  const members = day.placements.filter((_, i) => groupOf[i] === g).map((p) => p.position);
  if (members.length === 0) return day.depot;
  const mean = (f: (p: LatLon) => number) => members.reduce((s, p) => s + f(p), 0) / members.length;
  return { latitude: mean((p) => p.latitude), longitude: mean((p) => p.longitude) };
}

/**
 * The plan from the previous holding wins when it keeps more orders, is as balanced (within the solver's band), and is
 * longer than the fresh plan by less than what the orders it keeps more are worth (KM_PER_KEPT_ORDER, at most KM_CAP).
 * Measured against the fresh plan, not a flat percentage: a holding kept once at some extra length (a worker left out)
 * stays kept when one order is moved afterwards, rather than the whole day being dealt out again.
 */
function keepsMore(day: Day, kept: readonly WorkerPlan[], fresh: readonly WorkerPlan[]): boolean {
  const heldBy = new Map(day.orders.map((o) => [o.id, o.heldBy ?? null]));
  const keptCount = (plans: readonly WorkerPlan[]) => plans.reduce((s, p) => s + p.orders.filter((id) => heldBy.get(id) === p.workerId).length, 0);
  const spread = (plans: readonly WorkerPlan[]) => Math.max(...plans.map((p) => p.workload)) - Math.min(...plans.map((p) => p.workload));
  const km = (plans: readonly WorkerPlan[]) => plans.reduce((s, p) => s + planKm(day, p), 0);
  const more = keptCount(kept) - keptCount(fresh);
  const allowance = Math.min(more * KM_PER_KEPT_ORDER, km(fresh) * KM_CAP);
  return more > 0 && spread(kept) <= Math.max(spread(fresh), SPREAD_ALLOWED) && km(kept) <= km(fresh) + allowance;
}

function planKm(day: Day, plan: WorkerPlan): number {
  const index = new Map(day.orders.map((o, i) => [o.id, i]));
  return pathLength(day.d, DEPOT, plan.orders.map((id) => nodeOf(index.get(id)!)), DEPOT);
}

/** Re-plans the visit order of the given workers only; orders keep the worker in `workerId`. */
export function planRoutes(input: AssignInput): WorkerPlan[] {
  const day = prepareDay(input.orders, input.depot);
  return input.workers.map((w) => {
    const members = day.orders.flatMap((o, i) => (o.workerId === w ? [i] : []));
    return toPlan(day, w, buildRoute(day, members, false), members);
  });
}

/** Visit-order rows (1…n per worker) for storing a plan. */
export function visitOrderRows(plans: readonly WorkerPlan[]): { orderId: string; workerId: string; visitOrder: number }[] {
  return plans.flatMap((p) => p.orders.map((orderId, i) => ({ orderId, workerId: p.workerId, visitOrder: i + 1 })));
}

function prepareDay(orders: readonly DayOrderInput[], depot: LatLon): Day {
  const sorted = [...orders].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (new Set(sorted.map((o) => o.id)).size !== sorted.length) throw new RangeError('order ids must be unique');
  const placements = placeOrders(sorted, depot);
  const matrix = new DistanceMatrix([depot, ...placements.map((p) => p.position)]);
  return { orders: sorted, placements, d: (a, b) => matrix.d(a, b), matrix, depot };
}

function clusterFreeOrders(day: Day, workers: string[], eligible: Set<string>, depot: LatLon): Map<string, number[]> {
  const membership = new Map(workers.map((w) => [w, [] as number[]]));
  day.orders.forEach((o, i) => o.fixed && membership.get(o.workerId!)!.push(i));
  const free = day.orders.flatMap((o, i) => (o.fixed ? [] : [i]));
  const groups = workers.filter((w) => eligible.has(w));
  if (free.length > 0 && groups.length === 0) throw new RangeError('no worker to assign the orders to');
  const groupOf = balancedClusters(
    free.map((i) => ({ position: day.placements[i]!.position, weight: day.orders[i]!.weight })),
    groups.map((w) => ({
      fixedLoad: membership.get(w)!.reduce((s, i) => s + day.orders[i]!.weight, 0),
      fixedPositions: membership.get(w)!.map((i) => day.placements[i]!.position),
    })),
    depot,
  );
  free.forEach((i, k) => membership.get(groups[groupOf[k]!]!)!.push(i));
  return membership;
}

function buildRoute(day: Day, members: readonly number[], receives: boolean): DayRoute {
  const visited = visitedOf(day, members);
  const rest = members.filter((i) => !day.orders[i]!.visited).sort((a, b) => a - b);
  const start = visited.length > 0 ? nodeOf(visited[visited.length - 1]!) : DEPOT;
  const baseLoad = visited.reduce((s, i) => s + day.orders[i]!.weight, 0);
  return { start, seq: planRoute(day.d, start, rest.map(nodeOf), DEPOT), baseLoad, receives };
}

/** The worker's previous visit order, each order new to them inserted where it lengthens the route least. */
function heldRoute(day: Day, members: readonly number[], receives: boolean, worker: string): DayRoute {
  const visited = visitedOf(day, members);
  const start = visited.length > 0 ? nodeOf(visited[visited.length - 1]!) : DEPOT;
  const rest = members.filter((i) => !day.orders[i]!.visited).sort((a, b) => a - b);
  const wasTheirs = (o: DayOrderInput) => o.visitOrder !== null && (o.fixed ? o.workerId === worker : o.heldBy === worker);
  const seq = rest.filter((i) => wasTheirs(day.orders[i]!)).sort((a, b) => day.orders[a]!.visitOrder! - day.orders[b]!.visitOrder! || a - b).map(nodeOf);
  for (const i of rest.filter((i) => !wasTheirs(day.orders[i]!))) {
    const cost = (k: number) => day.d(k === 0 ? start : seq[k - 1]!, nodeOf(i)) + day.d(nodeOf(i), seq[k] ?? DEPOT) - day.d(k === 0 ? start : seq[k - 1]!, seq[k] ?? DEPOT);
    let best = 0;
    for (let k = 1; k <= seq.length; k++) if (cost(k) < cost(best) - 1e-9) best = k;
    seq.splice(best, 0, nodeOf(i));
  }
  const baseLoad = visited.reduce((s, i) => s + day.orders[i]!.weight, 0);
  return { start, seq, baseLoad, receives };
}

/** Orders already visited, in the order they were visited. */
function visitedOf(day: Day, members: readonly number[]): number[] {
  return members
    .filter((i) => day.orders[i]!.visited)
    .sort((a, b) => (day.orders[a]!.visitOrder ?? 0) - (day.orders[b]!.visitOrder ?? 0) || a - b);
}

function toPlan(day: Day, workerId: string, route: DayRoute, members: readonly number[]): WorkerPlan {
  const nodes = [...visitedOf(day, members).map(nodeOf), ...route.seq];
  const kinds = nodes.map((n) => day.placements[orderOf(n)]!.kind);
  return {
    workerId,
    orders: nodes.map((n) => day.orders[orderOf(n)]!.id),
    workload: nodes.reduce((s, n) => s + day.orders[orderOf(n)]!.weight, 0),
    routeKm: kinds.includes('synthetic') ? null : pathLength(day.d, DEPOT, nodes, DEPOT),
    estimatedPositions: kinds.filter((k) => k === 'town' || k === 'sheet').length, // stand-ins are not estimated from anything
  };
}
