import { addDays, tokyoInstant } from '../../domain/calendar/local-time.ts';
import type { DailyOrderRow, DailyRows } from '../../domain/reports/daily-rows.ts';
import { RESULT_FLAGS, type ResultOutcome } from '../../domain/reports/monthly-rows.ts';
import { METER_WORKS, TASK_KINDS, type MeterWork, type TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database } from './database.ts';
import { CUSTOMER_SELECT, reportMasker, type Masker } from './free-text-masking.ts';

/** The day's records of the 日報; staffing and overtime lines come from their own use cases (runtime/day-end.ts). */
export type DayRecords = Omit<DailyRows, 'onDuty' | 'supervisors' | 'overtimeLines'>;

const FLAG_SELECT = Object.fromEntries(RESULT_FLAGS.map((f) => [f, true])) as Record<(typeof RESULT_FLAGS)[number], true>;
const FINDINGS_SELECT = { readingDifferenceNote: true, customerToldOfDefect: true, improperUseNotified: true } as const;
const RESULT_SELECT = { personId: true, outcome: true, notDoneReason: true, recordedAt: true, afterHours: true, ...FLAG_SELECT, ...FINDINGS_SELECT } as const;
/** No customer name, kana, phone or customer number is read here (only to mask free text: see `customers`). */
const ORDER_SELECT = {
  id: true,
  orderNo: true,
  kind: true,
  town: true,
  status: true,
  scheduledDate: true,
  assignment: { select: { personId: true, date: true } },
  result: { select: RESULT_SELECT },
} as const;

const toKind = (k: string): TaskKind => ((TASK_KINDS as readonly string[]).includes(k) ? (k as TaskKind) : 'other');
const isMeterWork = (k: string): k is MeterWork => (METER_WORKS as readonly string[]).includes(k);

/**
 * Free text (reasons, cases, notes) is masked here (phone numbers, customer numbers, the customers' names): the
 * rows feed the 日報 PDF and Report.content, which the bureau and every supervisor see.
 */
export function createDailyRowsReader(db: Database) {
  const read = db.read;

  const dayFilter = (date: string, also: readonly string[]) => ({
    OR: [{ scheduledDate: date }, { assignment: { date } }, ...(also.length > 0 ? [{ orderNo: { in: [...also] } }] : [])],
  });

  /** The customers of the day's orders: free text about one of them is masked even without its order number. */
  async function customers(date: string, also: readonly string[]): Promise<Masker> {
    return reportMasker(await read.workOrder.findMany({ where: dayFilter(date, also), select: CUSTOMER_SELECT }));
  }

  async function orders(date: string, also: readonly string[], mask: Masker): Promise<DailyOrderRow[]> {
    const rows = await read.workOrder.findMany({ where: dayFilter(date, also), select: ORDER_SELECT, orderBy: { orderNo: 'asc' } });
    return rows.map((r) => ({
      orderNo: r.orderNo,
      kind: toKind(r.kind),
      town: r.town,
      status: r.status,
      scheduledDate: r.scheduledDate,
      assigneeId: r.assignment?.date === date ? r.assignment.personId : null,
      result: r.result
        ? {
            personId: r.result.personId,
            outcome: r.result.outcome as ResultOutcome,
            notDoneReason: mask(r.result.notDoneReason),
            recordedAt: r.result.recordedAt,
            afterHours: r.result.afterHours,
            flags: RESULT_FLAGS.filter((f) => r.result![f]),
            findings: {
              readingStatement: mask(r.result.readingDifferenceNote),
              customerToldOfDefect: r.result.customerToldOfDefect,
              improperUseNotified: r.result.improperUseNotified,
            },
          }
        : null,
    }));
  }

  async function ordersById(ids: (number | null)[]): Promise<Map<number, { orderNo: string; customerName: string | null; customerNumber: string | null }>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await read.workOrder.findMany({ where: { id: { in: wanted } }, select: { id: true, orderNo: true, ...CUSTOMER_SELECT } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  async function cases(date: string, mask: Masker): Promise<Pick<DayRecords, 'doubts' | 'incidents' | 'complaints'>> {
    const during = { gte: tokyoInstant(date), lt: tokyoInstant(addDays(date, 1)) };
    const [doubts, incidents, complaints] = await Promise.all([
      read.doubt.findMany({
        where: { raisedAt: during },
        select: { raisedAt: true, raisedById: true, text: true, state: true, answer: true, resolvedAt: true, workOrder: { select: { orderNo: true, ...CUSTOMER_SELECT } } },
      }),
      read.incident.findMany({
        where: { occurredAt: during },
        select: { occurredAt: true, kind: true, terminal: true, reportedById: true, workOrderId: true, description: true, state: true, resolution: true, resolvedAt: true },
      }),
      read.complaint.findMany({
        where: { receivedAt: during },
        select: { receivedAt: true, kind: true, description: true, state: true, findings: true, actionTaken: true, resolvedAt: true },
      }),
    ]);
    const incidentOrders = await ordersById(incidents.map((i) => i.workOrderId));
    return {
      doubts: doubts.map(({ workOrder, ...d }) => ({ ...d, text: mask(d.text, workOrder), answer: mask(d.answer, workOrder), orderNo: workOrder?.orderNo ?? null })),
      incidents: incidents.map(({ workOrderId, ...i }) => {
        const order = workOrderId === null ? null : (incidentOrders.get(workOrderId) ?? null);
        return { ...i, description: mask(i.description, order), resolution: mask(i.resolution, order), orderNo: order?.orderNo ?? null };
      }),
      complaints: complaints.map((c) => ({ ...c, description: mask(c.description), findings: mask(c.findings), actionTaken: mask(c.actionTaken) })),
    };
  }

  return {
    async loadDayRecords(date: string, alsoOrderNos: readonly string[] = []): Promise<DayRecords> {
      const orderNo = { workOrder: { select: { orderNo: true, ...CUSTOMER_SELECT } } } as const;
      const mask = await customers(date, alsoOrderNos);
      const [dayOrders, meters, dayCases, notes, fees, confirmations] = await Promise.all([
        orders(date, alsoOrderNos, mask),
        read.meterMovement.findMany({ where: { date }, select: { kind: true, diameterMm: true } }),
        cases(date, mask),
        read.handoverNote.findMany({ where: { date }, select: { personId: true, text: true, createdAt: true, ...orderNo }, orderBy: { id: 'asc' } }),
        read.parkingFee.findMany({ where: { date }, select: { personId: true, amountYen: true, note: true, ...orderNo }, orderBy: { id: 'asc' } }),
        read.dayEndConfirmation.findMany({ where: { date }, select: { personId: true, confirmedAt: true } }),
      ]);
      return {
        orders: dayOrders,
        meterMovements: meters.filter((m) => isMeterWork(m.kind)).map((m) => ({ kind: m.kind as MeterWork, diameterMm: m.diameterMm })),
        ...dayCases,
        handoverNotes: notes.map(({ workOrder, ...n }) => ({ ...n, text: mask(n.text, workOrder), orderNo: workOrder?.orderNo ?? null })),
        parkingFees: fees.map(({ workOrder, ...p }) => ({ ...p, note: mask(p.note, workOrder), orderNo: workOrder?.orderNo ?? null })),
        confirmations,
      };
    },
  };
}
