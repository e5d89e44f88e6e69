import type { DayOrderInput } from './assign-orders.ts';
import { DistanceMatrix, type LatLon } from './geo.ts';
import { placeOrders } from './placement.ts';

/**
 * Cheapest insertion of one order the bureau adds during the day. Every worker keeps their visit order as it
 * is (no reshuffle mid-day); the new order goes between two stops, after the last order already visited.
 * Workload balance first: only workers whose open workload is within the new order's weight of the lightest
 * worker's may take it. Among those, the one where it adds the least distance wins; ties go to the lighter
 * worker, then to the lower id, so the result is deterministic.
 */
export interface InsertionInput {
  /** Who may take the order (the field workers on duty). */
  workers: readonly string[];
  /** The day's assigned orders: workerId, visitOrder and visited are read. */
  orders: readonly DayOrderInput[];
  order: DayOrderInput;
  depot: LatLon;
}

export interface Insertion {
  workerId: string;
  /** The worker's orders in their new visit order, the new one included. */
  orders: string[];
  /** 1-based visit position of the new order. */
  position: number;
  /** Added route length in km; null when the new order's position is only a stand-in. */
  addedKm: number | null;
  /** The worker's open workload with the new order. */
  openWorkload: number;
}

const EPS = 1e-9;

interface Candidate {
  workerId: string;
  route: DayOrderInput[];
  at: number;
  cost: number;
  openLoad: number;
}

function routeOf(orders: readonly DayOrderInput[], workerId: string): DayOrderInput[] {
  return orders
    .filter((o) => o.workerId === workerId)
    .sort((a, b) => (a.visitOrder ?? Infinity) - (b.visitOrder ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function cheapestSlot(route: DayOrderInput[], d: (a: string | null, b: string | null) => number, x: string): { at: number; cost: number } {
  const lastVisited = route.reduce((last, o, i) => (o.visited ? i : last), -1);
  let best = { at: route.length, cost: Infinity };
  for (let q = lastVisited + 1; q <= route.length; q++) {
    const u = q === 0 ? null : route[q - 1]!.id;
    const v = q === route.length ? null : route[q]!.id;
    const cost = d(u, x) + d(x, v) - d(u, v);
    if (cost < best.cost - EPS) best = { at: q, cost };
  }
  return best;
}

function better(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  if (Math.abs(a.cost - b.cost) > EPS) return a.cost < b.cost;
  if (Math.abs(a.openLoad - b.openLoad) > EPS) return a.openLoad < b.openLoad;
  return a.workerId < b.workerId;
}

export function insertOrder(input: InsertionInput): Insertion | null {
  if (input.workers.length === 0) return null;
  const all = [...input.orders, input.order];
  const placements = placeOrders(all, input.depot);
  const index = new Map(all.map((o, i) => [o.id, i + 1] as const));
  const matrix = new DistanceMatrix([input.depot, ...placements.map((p) => p.position)]);
  const d = (a: string | null, b: string | null) => matrix.d(a === null ? 0 : index.get(a)!, b === null ? 0 : index.get(b)!);
  const candidates = [...new Set(input.workers)].map((workerId): Candidate => {
    const route = routeOf(input.orders, workerId);
    const openLoad = route.filter((o) => !o.visited).reduce((s, o) => s + o.weight, 0);
    return { workerId, route, openLoad, ...cheapestSlot(route, d, input.order.id) };
  });
  const lightest = Math.min(...candidates.map((c) => c.openLoad));
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (c.openLoad - lightest <= input.order.weight + EPS && better(c, best)) best = c;
  }
  const chosen = best!;
  const orders = chosen.route.map((o) => o.id);
  orders.splice(chosen.at, 0, input.order.id);
  const synthetic = placements[all.length - 1]!.kind === 'synthetic';
  return {
    workerId: chosen.workerId,
    orders,
    position: chosen.at + 1,
    addedKm: synthetic ? null : Math.round(chosen.cost * 100) / 100,
    openWorkload: chosen.openLoad + input.order.weight,
  };
}
