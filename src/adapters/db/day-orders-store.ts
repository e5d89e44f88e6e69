import type { AssignedOrder, DayOrdersReader } from '../../application/dispatch/ports.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database } from './database.ts';
import { TO_DO_STATUSES } from '../../domain/work-order/work-order.ts';

/** Only the columns a chat message may show: no customer name, kana, phone or customer number. */
const ORDER_COLUMNS = {
  orderNo: true,
  kind: true,
  address: true,
  town: true,
  meterWork: true,
  diameterMm: true,
  previousReading: true,
  remarks: true,
  status: true,
  carriedSince: true,
  scheduledDate: true,
} as const;

export function createDayOrdersReader(db: Database): DayOrdersReader {
  return {
    async assignedOrders(date, personId) {
      const rows = await db.read.assignment.findMany({
        where: { date, ...(personId ? { personId } : {}) },
        select: { personId: true, visitOrder: true, workOrder: { select: ORDER_COLUMNS } },
        orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }],
      });
      return rows.map(
        (r): AssignedOrder => ({
          ...r.workOrder,
          kind: r.workOrder.kind as TaskKind,
          meterWork: r.workOrder.meterWork as MeterWork | null,
          personId: r.personId,
          visitOrder: r.visitOrder,
        }),
      );
    },
    unassignedCount(date) {
      // A carried-over order still holds the day it was carried from until the day's assignment places it.
      return db.read.workOrder.count({
        where: { scheduledDate: date, status: { in: [...TO_DO_STATUSES] }, OR: [{ assignment: null }, { assignment: { date: { not: date } } }] },
      });
    },
  };
}
