import { bearingFrom, centroid, haversineKm, type LatLon } from './geo.ts';
import { rebalance } from './rebalance.ts';

/**
 * 振り分け as balanced clustering: orders go to workers so that every worker's workload is close to the
 * same share of the day (orders already fixed to a worker count towards that worker), and each worker's
 * orders lie close together. Capacitated k-means: starting centres (see seedCandidates), then rounds of
 * "nearest centre that still has room", taking the orders with the most to lose first; a final repair
 * makes the workloads even. Of the starting layouts, the one ending closest to its centres is kept.
 */
export interface ClusterItem {
  position: LatLon;
  weight: number;
}

export interface ClusterGroup {
  fixedLoad: number;
  fixedPositions: readonly LatLon[];
}

const MAX_ROUNDS = 30;

/** Returns, for every item, the index of its group. Deterministic for the same input. */
export function balancedClusters(items: readonly ClusterItem[], groups: readonly ClusterGroup[], depot: LatLon): number[] {
  if (groups.length === 0) {
    if (items.length === 0) return [];
    throw new RangeError('no group to put the items in');
  }
  if (groups.length === 1) return items.map(() => 0);
  const limits = loadLimits(items, groups);
  let best: { groupOf: number[]; cost: number } | null = null;
  for (const seeds of seedCandidates(items, groups, depot)) {
    const groupOf = clusterFrom(items, groups, limits, seeds);
    const centers = updateCenters(items, groups, groupOf, seeds);
    const cost = items.reduce((s, it, i) => s + haversineKm(it.position, centers[groupOf[i]!]!), 0);
    if (!best || cost < best.cost - 1e-9) best = { groupOf, cost };
  }
  return best!.groupOf;
}

/** Capacitated k-means from the given centres, then the balance repair. */
function clusterFrom(
  items: readonly ClusterItem[],
  groups: readonly ClusterGroup[],
  limits: readonly number[],
  seeds: LatLon[],
): number[] {
  let centers = seeds;
  let groupOf: number[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = assignWithCapacity(items, groups, centers, limits);
    const stable = next.every((g, i) => g === groupOf[i]);
    groupOf = next;
    centers = updateCenters(items, groups, groupOf, centers);
    if (stable) break;
  }
  const loads = groups.map((g) => g.fixedLoad);
  groupOf.forEach((g, i) => (loads[g]! += items[i]!.weight));
  const receives = limits.map((l, g) => l > groups[g]!.fixedLoad);
  rebalance(items, groupOf, loads, centers, receives);
  return groupOf;
}

/**
 * The fair share of the day: total workload / workers, found by water-filling so that a worker whose
 * fixed orders already exceed the share gets nothing more. Limit = share plus half the heaviest order.
 */
export function loadLimits(items: readonly ClusterItem[], groups: readonly ClusterGroup[]): number[] {
  return loadBands(items, groups).map((b) => b.upper);
}

/** The workload band of every group: share ± half the heaviest order; [fixed, fixed] above the share. */
export function loadBands(
  items: readonly { weight: number }[],
  groups: readonly { fixedLoad: number }[],
): { lower: number; upper: number }[] {
  const free = items.reduce((s, i) => s + i.weight, 0);
  const slack = items.reduce((m, i) => Math.max(m, i.weight), 0) / 2;
  let active = groups.map((_, g) => g);
  let share = 0;
  for (;;) {
    share = (free + active.reduce((s, g) => s + groups[g]!.fixedLoad, 0)) / active.length;
    const within = active.filter((g) => groups[g]!.fixedLoad < share);
    if (within.length === active.length || within.length === 0) break;
    active = within;
  }
  return groups.map((g, index) =>
    active.includes(index) ? { lower: share - slack, upper: share + slack } : { lower: g.fixedLoad, upper: g.fixedLoad },
  );
}

/**
 * Two starting layouts, the better result is kept: sectors swept around the office (good when the
 * office sits outside or at the edge of the day's sites), and farthest-first picks (good when it sits
 * in the middle of a dense area). A worker who already holds orders starts at their centre.
 */
function seedCandidates(items: readonly ClusterItem[], groups: readonly ClusterGroup[], depot: LatLon): LatLon[][] {
  const open = groups.map((g, i) => (g.fixedPositions.length === 0 ? i : -1)).filter((i) => i >= 0);
  const fixedCentres = groups.flatMap((g) => (g.fixedPositions.length > 0 ? [centroid(g.fixedPositions)!] : []));
  const layouts = [sweepSectors(items, open.length, depot), farthestFirst(items, open.length, fixedCentres, depot)];
  return layouts.map((seeds) => groups.map((g, i) => centroid(g.fixedPositions) ?? seeds[open.indexOf(i)] ?? depot));
}

function farthestFirst(items: readonly ClusterItem[], count: number, taken: readonly LatLon[], depot: LatLon): LatLon[] {
  const seeds: LatLon[] = [];
  const near = items.map((it) => Math.min(...[depot, ...taken].map((c) => haversineKm(it.position, c))));
  for (let s = 0; s < count && items.length > 0; s++) {
    let pick = 0;
    for (let i = 1; i < items.length; i++) if (near[i]! > near[pick]! + 1e-12) pick = i;
    const seed = items[pick]!.position;
    seeds.push(seed);
    const fromOfficeOnly = s === 0 && taken.length === 0; // the office only chose the first pick
    items.forEach((it, i) => {
      const km = haversineKm(it.position, seed);
      near[i] = fromOfficeOnly ? km : Math.min(near[i]!, km);
    });
  }
  return seeds;
}

/** Items by bearing from the office, cut into `count` runs of equal weight; returns each run's centre. */
function sweepSectors(items: readonly ClusterItem[], count: number, depot: LatLon): LatLon[] {
  if (count === 0 || items.length === 0) return [];
  const angles = items.map((it) => bearingFrom(depot, it.position));
  const order = items.map((_, i) => i).sort((a, b) => angles[a]! - angles[b]! || a - b);
  const startAt = afterWidestGap(order.map((i) => angles[i]!));
  const rotated = [...order.slice(startAt), ...order.slice(0, startAt)];
  const total = items.reduce((s, it) => s + it.weight, 0);
  const runs: LatLon[][] = Array.from({ length: count }, () => []);
  let done = 0;
  for (const i of rotated) {
    const run = Math.min(count - 1, Math.floor((done / total) * count));
    runs[run]!.push(items[i]!.position);
    done += items[i]!.weight;
  }
  return runs.map((r) => centroid(r) ?? depot);
}

function afterWidestGap(sortedAngles: number[]): number {
  let best = 0;
  let widest = -1;
  for (let k = 0; k < sortedAngles.length; k++) {
    const prev = sortedAngles[(k - 1 + sortedAngles.length) % sortedAngles.length]!;
    const gap = (sortedAngles[k]! - prev + 2 * Math.PI) % (2 * Math.PI);
    if (gap > widest + 1e-12) [best, widest] = [k, gap];
  }
  return best;
}

function assignWithCapacity(
  items: readonly ClusterItem[],
  groups: readonly ClusterGroup[],
  centers: readonly LatLon[],
  limits: readonly number[],
): number[] {
  const dist = items.map((it) => centers.map((c) => haversineKm(it.position, c)));
  const regret = dist.map(secondMinusFirst);
  const order = items.map((_, i) => i).sort((a, b) => regret[b]! - regret[a]! || a - b);
  const loads = groups.map((g) => g.fixedLoad);
  const groupOf = new Array<number>(items.length).fill(0);
  for (const i of order) {
    const w = items[i]!.weight;
    let best = -1;
    for (let g = 0; g < groups.length; g++) {
      if (loads[g]! + w > limits[g]! + 1e-9) continue;
      if (best < 0 || dist[i]![g]! < dist[i]![best]!) best = g;
    }
    if (best < 0) best = leastOverflow(loads, limits, w, dist[i]!, groups);
    groupOf[i] = best;
    loads[best]! += w;
  }
  return groupOf;
}

/** The gap between the two smallest values (as sorting and taking [1] − [0] gives, without the sort). */
function secondMinusFirst(row: readonly number[]): number {
  let first = Infinity;
  let second = Infinity;
  for (const x of row) {
    if (x < first) [first, second] = [x, first];
    else if (x < second) second = x;
  }
  return second - first;
}

function leastOverflow(
  loads: readonly number[],
  limits: readonly number[],
  w: number,
  dist: readonly number[],
  groups: readonly ClusterGroup[],
): number {
  let best = -1;
  for (let g = 0; g < loads.length; g++) {
    if (limits[g]! <= groups[g]!.fixedLoad && loads.some((_, h) => limits[h]! > groups[h]!.fixedLoad)) continue;
    const over = loads[g]! + w - limits[g]!;
    const bestOver = best < 0 ? Infinity : loads[best]! + w - limits[best]!;
    if (over < bestOver - 1e-9 || (Math.abs(over - bestOver) <= 1e-9 && dist[g]! < dist[best]!)) best = g;
  }
  return best;
}

function updateCenters(
  items: readonly ClusterItem[],
  groups: readonly ClusterGroup[],
  groupOf: readonly number[],
  previous: readonly LatLon[],
): LatLon[] {
  const members: LatLon[][] = groups.map((g) => [...g.fixedPositions]);
  groupOf.forEach((g, i) => members[g]!.push(items[i]!.position));
  return members.map((m, g) => centroid(m) ?? previous[g]!);
}
