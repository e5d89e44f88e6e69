import type { DayOrderInput, WorkerPlan } from '../../src/domain/assignment/assign-orders.ts';
import { haversineKm, type LatLon } from '../../src/domain/assignment/geo.ts';

/** Synthetic orders for the assignment tests and bench: the solver's seeded generator, nothing random between runs. */
import { seededRandom } from '../../src/domain/assignment/solver/prng.ts';

export { seededRandom };

export const KANAZAWA_BOX = { south: 36.49, north: 36.62, west: 136.58, east: 136.72 };

export function order(id: string, fields: Partial<DayOrderInput> = {}): DayOrderInput {
  return {
    id,
    weight: 1,
    latitude: null,
    longitude: null,
    town: '町',
    mapSheet: null,
    workerId: null,
    visitOrder: null,
    fixed: false,
    visited: false,
    ...fields,
  };
}

/** `count` orders spread over the city, one in `heavyEvery` with meter work (weight 2). */
export function randomCityOrders(count: number, seed: number, heavyEvery = 6): DayOrderInput[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    order(`O${String(i + 1).padStart(4, '0')}`, {
      weight: i % heavyEvery === heavyEvery - 1 ? 2 : 1,
      latitude: KANAZAWA_BOX.south + rnd() * (KANAZAWA_BOX.north - KANAZAWA_BOX.south),
      longitude: KANAZAWA_BOX.west + rnd() * (KANAZAWA_BOX.east - KANAZAWA_BOX.west),
      town: `町${i % 12}`,
    }),
  );
}

/** A side×side grid of points about 500 m apart, in a shuffled (import) order. */
export function shuffledGrid(side: number, seed: number, origin: LatLon = { latitude: 36.54, longitude: 136.62 }): LatLon[] {
  const points: LatLon[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) points.push({ latitude: origin.latitude + r * 0.0045, longitude: origin.longitude + c * 0.0056 });
  }
  const rnd = seededRandom(seed);
  for (let i = points.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [points[i], points[j]] = [points[j]!, points[i]!];
  }
  return points;
}

export function routeKmOf(points: readonly LatLon[], depot: LatLon): number {
  let km = 0;
  let at = depot;
  for (const p of points) {
    km += haversineKm(at, p);
    at = p;
  }
  return km + haversineKm(at, depot);
}

/** Mean distance between two orders of the same worker. */
export function meanIntraGroupKm(groups: readonly (readonly LatLon[])[]): number {
  let sum = 0;
  let pairs = 0;
  for (const g of groups) {
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        sum += haversineKm(g[i]!, g[j]!);
        pairs++;
      }
    }
  }
  return pairs === 0 ? 0 : sum / pairs;
}

export function positionsOf(plan: WorkerPlan, orders: readonly DayOrderInput[]): LatLon[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  return plan.orders.map((id) => {
    const o = byId.get(id)!;
    return { latitude: o.latitude!, longitude: o.longitude! };
  });
}

/** Orders in import order, cut into `workers` runs of equal count: what no assignment at all gives. */
export function importOrderKm(orders: readonly DayOrderInput[], workers: number, depot: LatLon): number {
  const size = Math.ceil(orders.length / workers);
  let km = 0;
  for (let w = 0; w < workers; w++) {
    const run = orders.slice(w * size, (w + 1) * size).map((o) => ({ latitude: o.latitude!, longitude: o.longitude! }));
    if (run.length > 0) km += routeKmOf(run, depot);
  }
  return km;
}
