import { visitOrderRows, type DayOrderInput, type WorkerPlan } from '../../domain/assignment/assign-orders.ts';
import { workloadOf } from '../../domain/work-order/work-order.ts';
import type { AssignmentRow, DayOrderRecord } from './ports.ts';

/** Between stored records and the assignment domain: inputs, summaries, and the rows that changed. */
export interface WorkerSummary {
  personId: string;
  name: string;
  count: number;
  workload: number;
  routeKm: number | null;
  estimatedPositions: number;
  orders: string[]; // 作業番号 in visit order
  visits: Visit[]; // the same orders, with what a listing shows (no personal data)
}

export interface Visit {
  orderNo: string;
  kind: DayOrderRecord['kind'];
  meterWork: DayOrderRecord['meterWork'];
  town: string;
  pinned: boolean;
  done: boolean;
  carried: boolean; // 繰越: brought forward from an earlier day
}

export function toDayOrderInput(r: DayOrderRecord, holder: { workerId: string | null; fixed: boolean }): DayOrderInput {
  return {
    id: r.orderNo,
    weight: workloadOf(r),
    latitude: r.latitude,
    longitude: r.longitude,
    town: r.town,
    mapSheet: r.mapSheet,
    workerId: holder.workerId,
    visitOrder: r.assignment?.visitOrder ?? null,
    fixed: holder.fixed,
    visited: r.hasResult,
  };
}

export function summarise(
  plans: readonly WorkerPlan[],
  names: Map<string, string>,
  byOrderNo: Map<string, DayOrderRecord>,
  pinnedOf: (r: DayOrderRecord) => boolean,
): WorkerSummary[] {
  const visit = (orderNo: string): Visit => {
    const r = byOrderNo.get(orderNo)!;
    return { orderNo, kind: r.kind, meterWork: r.meterWork, town: r.town, pinned: pinnedOf(r), done: r.hasResult, carried: r.status === 'carried_over' };
  };
  return plans.map((p) => ({
    personId: p.workerId,
    name: names.get(p.workerId) ?? p.workerId,
    count: p.orders.length,
    workload: p.workload,
    routeKm: p.routeKm === null ? null : Math.round(p.routeKm * 100) / 100,
    estimatedPositions: p.estimatedPositions,
    orders: p.orders,
    visits: p.orders.map(visit),
  }));
}

/** Rows whose worker, visit order or pin differ from what is stored. */
export function changedRows(
  plans: readonly WorkerPlan[],
  byOrderNo: Map<string, DayOrderRecord>,
  date: string,
  pinnedOf: (r: DayOrderRecord) => boolean,
): AssignmentRow[] {
  const rows: AssignmentRow[] = [];
  for (const v of visitOrderRows(plans)) {
    const record = byOrderNo.get(v.orderId)!;
    const row = { workOrderId: record.workOrderId, personId: v.workerId, date, visitOrder: v.visitOrder, pinned: pinnedOf(record) };
    const a = record.assignment;
    const same = a && a.personId === row.personId && a.visitOrder === row.visitOrder && a.pinned === row.pinned && a.date === date;
    if (!same) rows.push(row);
  }
  return rows;
}

export function countsByWorker(records: readonly DayOrderRecord[], date: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    if (r.assignment?.date === date) counts[r.assignment.personId] = (counts[r.assignment.personId] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
