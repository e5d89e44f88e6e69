import { haversineKm, type LatLon } from './geo.ts';

/**
 * Evens out workloads after clustering. A move of an item of weight w from group A to group B is allowed
 * when load(A) − load(B) > w: it strictly lowers the sum of squared loads, so the repair ends. Among the
 * allowed moves the one that lengthens the distance to the centres least is taken first, so orders move
 * across the border between neighbouring groups. When no move is left, for any two groups the heavier
 * one is ahead by at most the weight of its lightest movable order (one heavy order at worst).
 * Mutates `groupOf` and `loads`.
 */
export interface WeightedItem {
  position: LatLon;
  weight: number;
}

const EPS = 1e-9;

export function rebalance(
  items: readonly WeightedItem[],
  groupOf: number[],
  loads: number[],
  centers: readonly LatLon[],
  receives: readonly boolean[],
): void {
  const dist = items.map((it) => centers.map((c) => haversineKm(it.position, c)));
  const maxMoves = 20 * items.length + 100;
  for (let move = 0; move < maxMoves; move++) {
    const best = cheapestBalancingMove(items, groupOf, loads, dist, receives);
    if (!best) return;
    loads[groupOf[best.item]!]! -= items[best.item]!.weight;
    loads[best.to]! += items[best.item]!.weight;
    groupOf[best.item] = best.to;
  }
}

function cheapestBalancingMove(
  items: readonly WeightedItem[],
  groupOf: readonly number[],
  loads: readonly number[],
  dist: readonly (readonly number[])[],
  receives: readonly boolean[],
): { item: number; to: number } | null {
  let best: { item: number; to: number; cost: number } | null = null;
  for (let i = 0; i < items.length; i++) {
    const from = groupOf[i]!;
    const w = items[i]!.weight;
    for (let to = 0; to < loads.length; to++) {
      if (to === from || !receives[to] || loads[from]! - loads[to]! <= w + EPS) continue;
      const cost = dist[i]![to]! - dist[i]![from]!;
      if (!best || cost < best.cost - EPS) best = { item: i, to, cost };
    }
  }
  return best;
}
