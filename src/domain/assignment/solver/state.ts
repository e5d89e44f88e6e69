import { bandViolation, pathCost, type RoutingProblem } from './problem.ts';

/**
 * A solution under change: each route's sequence (start and end left out), its load, its distance, and
 * the route each customer is on (-1 while removed). Changes are recorded per route (`touch` before the
 * first change) so a rejected attempt is undone by `revert`, and a kept one is sealed by `commit`.
 */
export class RoutesState {
  readonly seqs: number[][];
  readonly load: Float64Array;
  readonly cost: Float64Array;
  readonly routeOf: Int32Array;
  private saved = new Map<number, { seq: number[]; load: number; cost: number }>();

  constructor(
    readonly problem: RoutingProblem,
    seqs: readonly (readonly number[])[],
  ) {
    this.seqs = seqs.map((s) => [...s]);
    this.load = new Float64Array(seqs.length);
    this.cost = new Float64Array(seqs.length);
    this.routeOf = new Int32Array(problem.size).fill(-1);
    for (let r = 0; r < this.seqs.length; r++) this.refresh(r);
  }

  /** Recomputes load, distance and routeOf of one route from its sequence. */
  refresh(r: number): void {
    const p = this.problem;
    const spec = p.routes[r]!;
    const seq = this.seqs[r]!;
    let load = spec.baseLoad;
    for (const node of seq) {
      load += p.weight[node]!;
      this.routeOf[node] = r;
    }
    this.load[r] = load;
    this.cost[r] = seq.length === 0 && spec.start === spec.end ? 0 : pathCost(p, spec.start, seq, spec.end);
  }

  touch(r: number): void {
    if (!this.saved.has(r)) this.saved.set(r, { seq: [...this.seqs[r]!], load: this.load[r]!, cost: this.cost[r]! });
  }

  touched(): number[] {
    return [...this.saved.keys()];
  }

  commit(): void {
    this.saved.clear();
  }

  revert(): void {
    for (const [r, old] of this.saved) {
      this.seqs[r] = old.seq;
      this.load[r] = old.load;
      this.cost[r] = old.cost;
      for (const node of old.seq) this.routeOf[node] = r;
    }
    this.saved.clear();
  }

  distance(): number {
    let total = 0;
    for (let r = 0; r < this.cost.length; r++) total += this.cost[r]!;
    return total;
  }

  violation(): number {
    let total = 0;
    for (let r = 0; r < this.load.length; r++) total += bandViolation(this.problem.routes[r]!, this.load[r]!);
    return total;
  }

  snapshot(): number[][] {
    return this.seqs.map((s) => [...s]);
  }
}
