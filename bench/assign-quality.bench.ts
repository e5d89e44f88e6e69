/**
 * Quality of the routes (issue 15). Part 1: every CVRPLIB instance in ../shared/cvrplib (sets A and P),
 * solved by the same solver as production (src/domain/assignment/solver) with the capacity as a hard upper
 * band and k routes from the office (fewer may be used); each result is checked here independently (every
 * customer once, capacity, at most k routes, cost recomputed). Distances are TSPLIB EUC_2D, nint(√(dx²+dy²)),
 * the convention of the best-known values. Gap = cost / best-known − 1.
 * Part 2: busy days of 450 orders / 20 workers and 2,000 / 60: time, total km and workload max/min of our
 * plan and of today's plan (the code at commit 2cc2159, read from git history, see today-plan.ts).
 * The machine may be shared: wall and CPU seconds (process.cpuUsage) are both reported.
 * Last line: one JSON object; ratio = median cost / best-known (floor = the best-known solutions).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignOrders, type WorkerPlan } from '../src/domain/assignment/assign-orders.ts';
import { BUREAU_OFFICE } from '../src/domain/assignment/geo.ts';
import { solveRoutes } from '../src/domain/assignment/solver/solve.ts';
import type { RoutingProblem } from '../src/domain/assignment/solver/problem.ts';
import { benchWorkers, busyDay } from './assign-days.ts';
import { euc2d, readInstance, type CvrpInstance } from './cvrplib.ts';
import { loadTodaysAssign } from './today-plan.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CVRPLIB = process.env.CVRPLIB_DIR ?? join(HERE, '..', '..', 'shared', 'cvrplib'); // a worktree elsewhere: set CVRPLIB_DIR
const CVRP_WORK_UNITS = 15_000_000; // ≈ 1 s of one free core
const TARGETS = { medianGapPct: 1, worstGapPct: 3, secondsPerInstance: 2, day450Seconds: 1, day2000Seconds: 3, maxMin: 1.15 };

function timed<T>(run: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function cvrpProblem(inst: CvrpInstance): RoutingProblem {
  const n = inst.x.length;
  const dist = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) dist[a * n + b] = euc2d(inst, a, b);
  const route = { start: 0, end: 0, baseLoad: 0, upper: inst.capacity, lower: 0, receives: true };
  return {
    size: n,
    dist,
    weight: Float64Array.from(inst.demand),
    routes: Array.from({ length: inst.vehicles }, () => route),
    fixedTo: new Int32Array(n).fill(-1),
    customers: Int32Array.from({ length: n - 1 }, (_, i) => i + 1),
  };
}

/** Independent check of a CVRP solution; returns its cost and what is wrong (empty when feasible). */
function verify(inst: CvrpInstance, routes: number[][]): { cost: number; used: number; problems: string[] } {
  const problems: string[] = [];
  const seen = new Array<number>(inst.x.length).fill(0);
  let cost = 0;
  const used = routes.filter((r) => r.length > 0);
  for (const r of used) {
    const demand = r.reduce((s, c) => s + inst.demand[c]!, 0);
    if (demand > inst.capacity) problems.push(`route over capacity (${demand} > ${inst.capacity})`);
    [0, ...r, 0].forEach((c, i, path) => i > 0 && (cost += euc2d(inst, path[i - 1]!, c)));
    for (const c of r) seen[c]!++;
  }
  if (used.length > inst.vehicles) problems.push(`${used.length} routes > k=${inst.vehicles}`);
  if (seen[0] !== 0) problems.push('the depot is visited as a customer');
  const wrong = seen.slice(1).filter((s) => s !== 1).length;
  if (wrong > 0) problems.push(`${wrong} customers not visited exactly once`);
  return { cost, used: used.length, problems };
}

function runCvrplib() {
  if (!existsSync(CVRPLIB)) throw new Error(`CVRPLIB instances not found at ${CVRPLIB} (expected ../shared/cvrplib beside the repo, or set CVRPLIB_DIR)`);
  const files = readdirSync(CVRPLIB).filter((f) => f.endsWith('.vrp')).sort();
  if (files.length === 0) throw new Error(`no .vrp files in ${CVRPLIB}`);
  console.log('instance        n   k     cost   best    gap%   wall s  cpu s  routes  check');
  return files.map((f) => {
    const inst = readInstance(join(CVRPLIB, f));
    const run = timed(() => solveRoutes(cvrpProblem(inst), { workUnits: CVRP_WORK_UNITS }));
    const check = verify(inst, run.value.routes);
    const feasible = run.value.feasible && check.problems.length === 0;
    const gap = feasible ? (check.cost / inst.bestKnown - 1) * 100 : Infinity;
    if (check.cost < inst.bestKnown && feasible) check.problems.push('below the best-known value: check the value or the distances');
    const row = { name: inst.name, n: inst.x.length, k: inst.vehicles, cost: check.cost, bestKnown: inst.bestKnown, gap, ...run, used: check.used, feasible };
    console.log(
      `${row.name.padEnd(12)} ${String(row.n).padStart(4)} ${String(row.k).padStart(3)} ${String(row.cost).padStart(8)} ${String(row.bestKnown).padStart(6)}` +
        ` ${gap.toFixed(2).padStart(7)} ${run.seconds.toFixed(2).padStart(8)} ${run.cpuSeconds.toFixed(2).padStart(6)} ${String(row.used).padStart(7)}` +
        `  ${check.problems.length === 0 ? 'ok' : check.problems.join('; ')}${inst.bestKnownSource === 'published' ? '  (best-known: CVRPLIB table)' : ''}`,
    );
    return row;
  });
}

function planFigures(plans: WorkerPlan[], orderCount: number) {
  const loads = plans.map((p) => p.workload);
  const placed = new Set(plans.flatMap((p) => p.orders));
  if (placed.size !== orderCount || plans.reduce((s, p) => s + p.orders.length, 0) !== orderCount) {
    throw new Error('a plan does not hold every order exactly once');
  }
  return { km: plans.reduce((s, p) => s + (p.routeKm ?? 0), 0), maxMin: Math.max(...loads) / Math.min(...loads) };
}

async function runDays() {
  const today = await loadTodaysAssign(join(HERE, '..'));
  const days = [
    { name: 'day450', orders: 450, workers: 20, target: TARGETS.day450Seconds },
    { name: 'day2000', orders: 2000, workers: 60, target: TARGETS.day2000Seconds },
  ];
  return days.map((day) => {
    const input = { workers: benchWorkers(day.workers), orders: busyDay(20260327, day.orders), depot: BUREAU_OFFICE };
    const ours = timed(() => assignOrders(input));
    const old = timed(() => today(input));
    const [a, b] = [planFigures(ours.value, day.orders), planFigures(old.value, day.orders)];
    console.log(
      `${day.orders} orders / ${day.workers} workers: ours ${a.km.toFixed(1)} km in ${ours.seconds.toFixed(2)} s (cpu ${ours.cpuSeconds.toFixed(2)} s),` +
        ` max/min ${a.maxMin.toFixed(3)}; today ${b.km.toFixed(1)} km in ${old.seconds.toFixed(2)} s (cpu ${old.cpuSeconds.toFixed(2)} s), max/min ${b.maxMin.toFixed(3)}`,
    );
    const figures = {
      seconds: round(ours.seconds, 3), cpu_seconds: round(ours.cpuSeconds, 3), km: round(a.km, 1), max_min: round(a.maxMin, 3),
      today_seconds: round(old.seconds, 3), today_cpu_seconds: round(old.cpuSeconds, 3), today_km: round(b.km, 1), today_max_min: round(b.maxMin, 3),
      km_vs_today_pct: round((a.km / b.km - 1) * 100, 2),
    };
    const met = { time: ours.cpuSeconds <= day.target, not_worse: a.km <= b.km + 1e-9, balance: a.maxMin <= TARGETS.maxMin };
    return [day.name, { ...figures, targets_met: met }] as const;
  });
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const rows = runCvrplib();
const gaps = rows.map((r) => r.gap);
const ratios = rows.map((r) => (r.feasible ? r.cost / r.bestKnown : Infinity));
const summary = {
  median_gap_pct: round(median(gaps), 2),
  worst_gap_pct: round(Math.max(...gaps), 2),
  max_seconds_per_instance: round(Math.max(...rows.map((r) => r.seconds)), 2),
  max_cpu_seconds_per_instance: round(Math.max(...rows.map((r) => r.cpuSeconds)), 2),
  instances: rows.length,
  feasible: rows.filter((r) => r.feasible).length,
};
const days = Object.fromEntries(await runDays());
const targets = {
  median_gap: summary.median_gap_pct <= TARGETS.medianGapPct,
  worst_gap: summary.worst_gap_pct <= TARGETS.worstGapPct,
  seconds_per_instance: summary.max_cpu_seconds_per_instance <= TARGETS.secondsPerInstance,
  wall_seconds_per_instance: summary.max_seconds_per_instance <= TARGETS.secondsPerInstance,
};
console.log(`targets (median gap ≤ 1 %, worst ≤ 3 %, ≤ 2 s per instance [cpu / wall]): ${JSON.stringify(targets)}`);
console.log(JSON.stringify({ ...summary, ...days, ratio: round(median(ratios), 4), floor: 'best-known CVRPLIB solutions (ratio = median cost / best-known)', targets_met: targets }));
