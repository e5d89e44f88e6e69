/**
 * 足順 of one worker: a path from a fixed start (the office, or the last site already visited) through
 * every node to a fixed end (the office). Nearest neighbour builds it, 2-opt and or-opt shorten it.
 * Nodes are indices into a distance table; ties go to the earlier node, so the result is deterministic.
 */
export type Dist = (a: number, b: number) => number;

const EPS = 1e-9;
const MAX_ROUNDS = 200;
const OR_OPT_MAX_SEGMENT = 3;

export function pathLength(d: Dist, start: number, seq: readonly number[], end: number): number {
  let total = 0;
  let prev = start;
  for (const node of seq) {
    total += d(prev, node);
    prev = node;
  }
  return total + d(prev, end);
}

export function nearestNeighbour(d: Dist, start: number, nodes: readonly number[]): number[] {
  const left = [...nodes];
  const out: number[] = [];
  let at = start;
  while (left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (d(at, left[i]!) < d(at, left[best]!) - EPS) best = i;
    at = left.splice(best, 1)[0]!;
    out.push(at);
  }
  return out;
}

/** One sweep of 2-opt over the path with fixed ends; reverses segments in place. True when it improved. */
export function twoOptPass(d: Dist, path: number[]): boolean {
  let improved = false;
  const last = path.length - 1; // path[0] and path[last] are the fixed ends
  for (let i = 1; i < last - 1; i++) {
    for (let j = i + 1; j < last; j++) {
      const delta =
        d(path[i - 1]!, path[j]!) + d(path[i]!, path[j + 1]!) - d(path[i - 1]!, path[i]!) - d(path[j]!, path[j + 1]!);
      if (delta < -EPS) {
        reverse(path, i, j);
        improved = true;
      }
    }
  }
  return improved;
}

function reverse(path: number[], i: number, j: number): void {
  for (let a = i, b = j; a < b; a++, b--) [path[a], path[b]] = [path[b]!, path[a]!];
}

/** One sweep of or-opt: moves a run of 1–3 nodes (either way round) to a cheaper place. */
export function orOptPass(d: Dist, path: number[]): boolean {
  let improved = false;
  for (let len = 1; len <= OR_OPT_MAX_SEGMENT; len++) {
    for (let i = 1; i + len < path.length; i++) {
      if (moveSegmentIfShorter(d, path, i, len)) improved = true;
    }
  }
  return improved;
}

function moveSegmentIfShorter(d: Dist, path: number[], i: number, len: number): boolean {
  const first = path[i]!;
  const lastNode = path[i + len - 1]!;
  const prev = path[i - 1]!;
  const next = path[i + len]!;
  const gain = d(prev, first) + d(lastNode, next) - d(prev, next);
  let best = { delta: -EPS, k: -1, reversed: false };
  for (let k = 0; k < path.length - 1; k++) {
    if (k >= i - 1 && k <= i + len - 1) continue; // edges touching the segment
    const u = path[k]!;
    const v = path[k + 1]!;
    const forward = d(u, first) + d(lastNode, v) - d(u, v) - gain;
    const backward = d(u, lastNode) + d(first, v) - d(u, v) - gain;
    if (forward < best.delta) best = { delta: forward, k, reversed: false };
    if (backward < best.delta) best = { delta: backward, k, reversed: true };
  }
  if (best.k < 0) return false;
  const segment = path.splice(i, len);
  if (best.reversed) segment.reverse();
  const at = best.k < i ? best.k + 1 : best.k + 1 - len;
  path.splice(at, 0, ...segment);
  return true;
}

/** Applies 2-opt and or-opt until neither finds a shorter path. Never returns a longer path. */
export function improveRoute(d: Dist, start: number, seq: readonly number[], end: number): number[] {
  if (seq.length < 2) return [...seq];
  const path = [start, ...seq, end];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const a = twoOptPass(d, path);
    const b = orOptPass(d, path);
    if (!a && !b) break;
  }
  return path.slice(1, -1);
}

export function planRoute(d: Dist, start: number, nodes: readonly number[], end: number): number[] {
  return improveRoute(d, start, nearestNeighbour(d, start, nodes), end);
}
