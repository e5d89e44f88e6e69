/** What relabelling needs of a plan and an order (assign-orders.ts WorkerPlan, DayOrderInput). */
interface Route {
  workerId: string;
  orders: readonly string[];
}

interface HeldOrder {
  id: string;
  heldBy?: string | null;
}

/**
 * A re-run keeps what it can: routes of interchangeable workers (eligible, holding nothing fixed or visited, so their
 * routes start at the office under the same load band) are handed out again so that as many orders as possible stay
 * with the worker who held them before (`heldBy`). Only the labels move: every route, its length and its workload are
 * unchanged. Greedy matching on the overlap (orders a route would leave with their holder), largest first; ties by
 * worker id, then by the route's original worker; routes matched to nobody keep their worker when it is free, else
 * take the free workers in id order. Deterministic; with no `heldBy` given every route keeps its worker.
 */
export function keepHolders<P extends Route>(plans: readonly P[], orders: readonly HeldOrder[], interchangeable: ReadonlySet<string>): P[] {
  const heldBy = new Map(orders.map((o) => [o.id, o.heldBy ?? null]));
  const routes = plans.filter((p) => interchangeable.has(p.workerId));
  const workers = routes.map((p) => p.workerId).sort(byId);
  const chosen = new Map<string, P>(); // worker → route
  const taken = new Set<P>();
  for (const { route, worker } of overlaps(routes, workers, heldBy)) {
    if (chosen.has(worker) || taken.has(route)) continue;
    chosen.set(worker, route);
    taken.add(route);
  }
  const rest = routes.filter((r) => !taken.has(r)).sort((a, b) => byId(a.workerId, b.workerId));
  for (const route of rest.filter((r) => !chosen.has(r.workerId))) {
    chosen.set(route.workerId, route);
    taken.add(route);
  }
  const free = workers.filter((w) => !chosen.has(w));
  rest.filter((r) => !taken.has(r)).forEach((route, i) => chosen.set(free[i]!, route));
  return plans.map((p) => (chosen.has(p.workerId) ? { ...chosen.get(p.workerId)!, workerId: p.workerId } : p));
}

/** Route–worker pairs sharing at least one order with the worker's previous holding, largest overlap first. */
function overlaps<P extends Route>(routes: readonly P[], workers: readonly string[], heldBy: Map<string, string | null>) {
  const pairs = routes.flatMap((route) =>
    workers.map((worker) => ({ route, worker, overlap: route.orders.filter((o) => heldBy.get(o) === worker).length })),
  );
  return pairs
    .filter((p) => p.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || byId(a.worker, b.worker) || byId(a.route.workerId, b.route.workerId));
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
