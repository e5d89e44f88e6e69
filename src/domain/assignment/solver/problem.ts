/**
 * The routing problem the improvement solver works on, in node indices: a full distance matrix, a weight
 * per node, and routes with a fixed start and end (the office, or the last site already visited), a load
 * already on the route that the solver does not see (visited orders), and a load band [lower, upper].
 * A node may be tied to one route (`fixedTo`); a route that does not `receive` takes no untied node.
 * The same problem shape serves the day's workload band and a CVRP (upper = capacity, lower = 0).
 */
export interface RouteSpec {
  start: number;
  end: number;
  baseLoad: number;
  upper: number;
  lower: number;
  receives: boolean;
}

export interface RoutingProblem {
  size: number;
  dist: Float64Array; // size × size, row-major
  weight: Float64Array; // per node
  routes: readonly RouteSpec[];
  fixedTo: Int32Array; // per node: the route it must stay on, or -1
  customers: Int32Array; // the nodes to visit, each exactly once
  /**
   * Optional: the route each node was on before (-1: none) and what keeping it there is worth, in distance. Only the
   * local search between routes weighs it: a node leaves its home route only when that saves more than `bonus`.
   */
  home?: { route: Int32Array; bonus: number };
}

/** The `home` price of having `node` on `route`: the bonus lost when it is away from its home route. */
export function awayCost(p: RoutingProblem, node: number, route: number): number {
  const home = p.home?.route[node] ?? -1;
  return home >= 0 && home !== route ? p.home!.bonus : 0;
}

export function allowedOn(p: RoutingProblem, node: number, route: number): boolean {
  const tied = p.fixedTo[node]!;
  return tied >= 0 ? tied === route : p.routes[route]!.receives;
}

/** Distance of a path start → seq… → end. */
export function pathCost(p: RoutingProblem, start: number, seq: readonly number[], end: number): number {
  const { dist, size } = p;
  let total = 0;
  let prev = start;
  for (let i = 0; i < seq.length; i++) {
    const node = seq[i]!;
    total += dist[prev * size + node]!;
    prev = node;
  }
  return total + dist[prev * size + end]!;
}

/** Load outside the band (above upper or below lower); 0 when within. */
export function bandViolation(spec: RouteSpec, load: number): number {
  if (load > spec.upper + 1e-9) return load - spec.upper;
  if (load < spec.lower - 1e-9) return spec.lower - load;
  return 0;
}

/** For every customer, the nearest other customers (at most k), ties to the lower index. */
export function neighbourLists(p: RoutingProblem, k: number): Int32Array[] {
  const lists: Int32Array[] = new Array<Int32Array>(p.size);
  const count = Math.max(0, Math.min(k, p.customers.length - 1));
  for (const c of p.customers) lists[c] = nearest(p, c, count);
  return lists;
}

function nearest(p: RoutingProblem, c: number, count: number): Int32Array {
  const { customers, dist, size } = p;
  const ids = new Int32Array(count);
  const ds = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < customers.length; i++) {
    const o = customers[i]!;
    const d = dist[c * size + o]!;
    if (o === c || count === 0 || d > ds[count - 1]! || (d === ds[count - 1]! && o > ids[count - 1]!)) continue;
    let at = count - 1;
    while (at > 0 && (ds[at - 1]! > d || (ds[at - 1] === d && ids[at - 1]! > o))) {
      ds[at] = ds[at - 1]!;
      ids[at] = ids[at - 1]!;
      at--;
    }
    ds[at] = d;
    ids[at] = o;
  }
  return ids;
}
