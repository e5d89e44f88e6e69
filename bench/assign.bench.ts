/**
 * 振り分け + 足順 of a busy day: 450 orders, 20 workers. Measures the pure algorithm and the whole use case
 * on a temp SQLite file, and compares the total route length with the import order cut into 20 equal runs
 * (what the day looks like with no assignment at all): ratio = ours / import order, lower is better.
 * The day comes from assign-days.ts (shared with assign-quality.bench.ts, which compares the routes with
 * today's plan and with CVRPLIB best-known values). Last line: one JSON object.
 */
import { assignOrders } from '../src/domain/assignment/assign-orders.ts';
import { BUREAU_OFFICE } from '../src/domain/assignment/geo.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../src/domain/calendar/work-calendar.ts';
import { PrismaAssignmentStore } from '../src/adapters/db/assignment-store.ts';
import { VirtualClock } from '../src/adapters/clock/clocks.ts';
import { assignDay } from '../src/application/assignment/assign-day.ts';
import { tempDatabase } from '../test/support/temp-db.ts';
import { insertDefaultStaff } from '../test/support/sample-work-orders.ts';
import { importOrderKm } from '../test/support/assignment-orders.ts';
import { BENCH_DATE, benchWorkers, busyDay } from './assign-days.ts';

const ORDERS = 450;
const WORKERS = 20;
const DATE = BENCH_DATE;

const workerIds = benchWorkers(WORKERS);
const orders = busyDay(20260327, ORDERS);

let start = performance.now();
const plans = assignOrders({ workers: workerIds, orders, depot: BUREAU_OFFICE });
const seconds = (performance.now() - start) / 1000;
const routeKm = plans.reduce((s, p) => s + (p.routeKm ?? 0), 0);
const located = orders.filter((o) => o.latitude !== null);
const floorKm = importOrderKm(located, WORKERS, BUREAU_OFFICE);
const loads = plans.map((p) => p.workload);

const t = await tempDatabase();
let dbSeconds = 0;
try {
  await t.db.write((tx) =>
    tx.workOrder.createMany({
      data: orders.map((o) => ({
        orderNo: o.id,
        kind: 'open',
        scheduledDate: DATE,
        address: `石川県金沢市${o.town}1丁目1-1`,
        town: o.town,
        mapSheet: o.mapSheet,
        meterWork: o.weight === 2 ? 'replace' : null,
        latitude: o.latitude,
        longitude: o.longitude,
        contentHash: o.id,
      })),
    }),
  );
  await insertDefaultStaff(t.db, workerIds.map((id) => ({ id })));
  const deps = {
    store: new PrismaAssignmentStore(t.db, new VirtualClock('2026-03-27T00:00:00Z')),
    isWorkDay: (d: string) => new WorkCalendar(SPEC_CALENDAR).isWorkDay(d),
    depot: BUREAU_OFFICE,
  };
  start = performance.now();
  await assignDay(deps, { date: DATE, includeSupervisors: false, actorId: null, channel: 'bench' });
  dbSeconds = (performance.now() - start) / 1000;
} finally {
  await t.dispose();
}

const figures = {
  orders: ORDERS,
  workers: WORKERS,
  seconds: Number(seconds.toFixed(3)),
  useCaseSeconds: Number(dbSeconds.toFixed(3)),
  routeKm: Number(routeKm.toFixed(1)),
  importOrderKm: Number(floorKm.toFixed(1)),
  ratio: Number((routeKm / floorKm).toFixed(3)),
  workloadMin: Math.min(...loads),
  workloadMax: Math.max(...loads),
};
console.log(`assign: ${ORDERS} orders, ${WORKERS} workers in ${figures.seconds} s (use case with SQLite ${figures.useCaseSeconds} s)`);
console.log(`route ${figures.routeKm} km vs import order ${figures.importOrderKm} km: ratio ${figures.ratio}`);
console.log(`workload per worker ${figures.workloadMin}–${figures.workloadMax}`);
console.log(JSON.stringify(figures));
