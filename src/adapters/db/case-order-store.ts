import type { CaseOrder, CaseOrders } from '../../application/cases/ports.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database } from './database.ts';
import { CUSTOMER_SELECT, customerOfOrder } from './free-text-masking.ts';

/** Only what a case card may show: no customer name, kana, phone or customer number is read. */
const SELECT = {
  orderNo: true,
  kind: true,
  meterWork: true,
  diameterMm: true,
  address: true,
  town: true,
  scheduledDate: true,
  assignment: { select: { personId: true } },
} as const;

type Row = { orderNo: string; kind: string; meterWork: string | null; diameterMm: number | null; address: string; town: string; scheduledDate: string; assignment: { personId: string } | null };

const toOrder = ({ assignment, ...r }: Row): CaseOrder => ({
  ...r,
  kind: r.kind as TaskKind,
  meterWork: r.meterWork as MeterWork | null,
  assigneeId: assignment?.personId ?? null,
});

/** '0007' and '7' both mean the order whose number ends in -0007 (the serial after the date). */
function serialMatches(orderNo: string, ref: string): boolean {
  const digits = ref.includes('-') ? ref.slice(ref.lastIndexOf('-') + 1) : ref;
  if (!/^\d+$/.test(digits)) return false;
  const serial = orderNo.slice(orderNo.lastIndexOf('-') + 1);
  return /^\d+$/.test(serial) && Number(serial) === Number(digits);
}

export function createCaseOrders(db: Database): CaseOrders {
  return {
    async byNo(orderNo) {
      const row = await db.read.workOrder.findUnique({ where: { orderNo }, select: SELECT });
      return row ? toOrder(row) : undefined;
    },
    async matchRef(ref, date, personId) {
      const mine = await db.read.workOrder.findMany({ where: { assignment: { date, personId } }, select: SELECT });
      const own = mine.filter((r) => serialMatches(r.orderNo, ref));
      if (own.length > 0) return own.map(toOrder);
      // The day's orders include those carried from it at the business end (still assigned on it): overtime asked late.
      const day = await db.read.workOrder.findMany({ where: { OR: [{ scheduledDate: date }, { assignment: { date } }] }, select: SELECT });
      return day.filter((r) => serialMatches(r.orderNo, ref)).map(toOrder);
    },
    customerOf: (orderNo) => customerOfOrder(db.read, orderNo),
    customersOfDate: (date) => db.read.workOrder.findMany({ where: { OR: [{ scheduledDate: date }, { assignment: { date } }] }, select: CUSTOMER_SELECT }),
  };
}
