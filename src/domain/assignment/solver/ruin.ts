import type { Random } from './prng.ts';
import type { RoutesState } from './state.ts';

/**
 * SISR ruin (Christiaens & Vanden Berghe, 2020): strings of consecutive customers are cut out of a few
 * routes that lie close to a random seed customer, so the removed customers are neighbours in space and
 * the recreate step can reorganise a whole area. About `averageRemoved` customers per call.
 */
export interface RuinParams {
  averageRemoved: number;
  maxStringLength: number;
}

export function ruinStrings(state: RoutesState, adjacency: Int32Array[], rnd: Random, params: RuinParams): number[] {
  const customers = state.problem.customers;
  const lsMax = Math.min(params.maxStringLength, averageCardinality(state));
  const ksMax = (4 * params.averageRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rnd() * ksMax) + 1;
  const seed = customers[Math.floor(rnd() * customers.length)]!;
  const removed: number[] = [];
  const ruined = new Set<number>();
  const around = adjacency[seed]!;
  for (let i = -1; i < around.length && ruined.size < ks; i++) {
    const c = i < 0 ? seed : around[i]!;
    const r = state.routeOf[c]!;
    if (r < 0 || ruined.has(r)) continue;
    const length = Math.floor(rnd() * Math.min(state.seqs[r]!.length, lsMax)) + 1;
    removeString(state, r, c, length, rnd, removed);
    ruined.add(r);
  }
  return removed;
}

function averageCardinality(state: RoutesState): number {
  let used = 0;
  let total = 0;
  for (const seq of state.seqs) {
    if (seq.length === 0) continue;
    used++;
    total += seq.length;
  }
  return used === 0 ? 1 : total / used;
}

/** Removes `length` consecutive customers of route r, a run that contains c. */
function removeString(state: RoutesState, r: number, c: number, length: number, rnd: Random, out: number[]): void {
  state.touch(r);
  const seq = state.seqs[r]!;
  const at = seq.indexOf(c);
  const first = Math.max(0, at - length + 1);
  const last = Math.min(at, seq.length - length);
  const from = first + Math.floor(rnd() * (last - first + 1));
  const cut = seq.splice(from, length);
  for (const node of cut) {
    state.routeOf[node] = -1;
    out.push(node);
  }
  state.refresh(r);
}
