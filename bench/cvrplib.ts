/**
 * CVRPLIB instances for the assignment quality bench. Two layouts are read: TSPLIB CVRP (NAME, COMMENT,
 * CAPACITY, NODE_COORD_SECTION, DEMAND_SECTION, DEPOT_SECTION) and a bare layout some copies of the A set
 * come in (dimension, capacity, the coordinate lines, the demand lines; the depot is node 1).
 * Distances follow TSPLIB EUC_2D: nint(sqrt(dx² + dy²)); the best-known values are on those rounded
 * distances. The best-known value is taken from COMMENT ("Optimal value: 784" / "Best value: …"); the bare
 * files have none, so it comes from PUBLISHED_OPTIMA (CVRPLIB, all proven optimal).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface CvrpInstance {
  name: string;
  vehicles: number; // the k in the name
  capacity: number;
  x: number[];
  y: number[];
  demand: number[]; // index 0 = depot
  bestKnown: number;
  bestKnownSource: 'file' | 'published';
}

/** CVRPLIB optimal values for the Augerat A and P instances, for files that do not carry them. */
const PUBLISHED_OPTIMA: Record<string, number> = {
  'A-n32-k5': 784, 'A-n33-k5': 661, 'A-n33-k6': 742, 'A-n34-k5': 778, 'A-n36-k5': 799, 'A-n37-k5': 669,
  'A-n37-k6': 949, 'A-n38-k5': 730, 'A-n39-k5': 822, 'A-n39-k6': 831, 'A-n45-k6': 944, 'A-n45-k7': 1146,
  'A-n46-k7': 914, 'A-n48-k7': 1073, 'A-n53-k7': 1010, 'A-n54-k7': 1167, 'A-n55-k9': 1073, 'A-n61-k9': 1034,
  'A-n65-k9': 1174, 'A-n80-k10': 1763, 'P-n45-k5': 510, 'P-n76-k4': 593, 'P-n101-k4': 681,
};

export function readInstance(path: string): CvrpInstance {
  const name = basename(path).replace(/\.vrp$/, '');
  const vehicles = Number(/-k(\d+)/.exec(name)?.[1]);
  if (!Number.isInteger(vehicles)) throw new Error(`${name}: no vehicle count (k…) in the name`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const parsed = lines[0]!.startsWith('NAME') ? parseTsplib(name, lines) : parseBare(name, lines);
  const fromFile = /(?:Optimal|Best) value:\s*(\d+(?:\.\d+)?)/i.exec(lines.find((l) => l.startsWith('COMMENT')) ?? '');
  const bestKnown = fromFile ? Number(fromFile[1]) : PUBLISHED_OPTIMA[name];
  if (bestKnown === undefined) throw new Error(`${name}: no best-known value in the file nor in the table`);
  return { name, vehicles, ...parsed, bestKnown, bestKnownSource: fromFile ? 'file' : 'published' };
}

type Parsed = Pick<CvrpInstance, 'capacity' | 'x' | 'y' | 'demand'>;

function parseTsplib(name: string, lines: string[]): Parsed {
  const header = (key: string) => lines.find((l) => l.startsWith(key))?.split(':')[1]?.trim();
  const n = Number(header('DIMENSION'));
  const capacity = Number(header('CAPACITY'));
  const section = (key: string) => {
    const from = lines.findIndex((l) => l.startsWith(key)) + 1;
    if (from === 0) throw new Error(`${name}: no ${key}`);
    return lines.slice(from, from + n).map((l) => l.split(/\s+/).map(Number));
  };
  const coords = section('NODE_COORD_SECTION');
  const demands = section('DEMAND_SECTION');
  const depot = Number(section('DEPOT_SECTION')[0]![0]);
  if (depot !== 1) throw new Error(`${name}: depot ${depot}, expected node 1`);
  return check(name, n, capacity, coords, demands);
}

function parseBare(name: string, lines: string[]): Parsed {
  const n = Number(lines[0]);
  const capacity = Number(lines[1]);
  const rows = lines.slice(2).map((l) => l.split(/\s+/).map(Number));
  return check(name, n, capacity, rows.slice(0, n), rows.slice(n, 2 * n));
}

function check(name: string, n: number, capacity: number, coords: number[][], demands: number[][]): Parsed {
  const ok =
    Number.isInteger(n) && capacity > 0 && coords.length === n && demands.length === n &&
    coords.every((c, i) => c.length === 3 && c[0] === i + 1 && c.every(Number.isFinite)) &&
    demands.every((d, i) => d.length === 2 && d[0] === i + 1 && Number.isFinite(d[1]));
  if (!ok) throw new Error(`${name}: cannot read ${n} coordinates and demands`);
  return { capacity, x: coords.map((c) => c[1]!), y: coords.map((c) => c[2]!), demand: demands.map((d) => d[1]!) };
}

export const euc2d = (inst: CvrpInstance, a: number, b: number) =>
  Math.round(Math.hypot(inst.x[a]! - inst.x[b]!, inst.y[a]! - inst.y[b]!));
