import { tokyoDate } from '../calendar/local-time.ts';
import { METER_DIAMETERS_MM, type MeterWork, type TaskKind } from '../work-order/task-kind.ts';
import type { MeterFigures } from './monthly-aggregate.ts';
import { RESULT_FLAGS, type ResultFlag } from './monthly-rows.ts';
import type { DailyOrderRow, DailyParkingRow, DailyRows, ResultFindings } from './daily-rows.ts';

/**
 * 日報 figures of one Tokyo date (spec 15(4)ア・イ, 11(6)). How an order of the day ends up:
 * - a result recorded on or before the date: its outcome (done, absent = done with the customer absent, not_done);
 * - a result recorded on a later day, or an order whose 作業予定日 was moved past the date (the end-of-day compile
 *   carries open orders to the next work day): carriedOver;
 * - cancelled: left out;
 * - a result recorded before the date (work done in overtime on an earlier day, on an order carried to this one):
 *   left out, it counts on the day it was recorded;
 * - anything else is still open: the compile carries it over, a report made during the day shows it as open.
 * An order belongs to the worker its assignment of the date names, else to whoever recorded its result.
 */
export type DayOutcome = 'done' | 'absent' | 'not_done' | 'carriedOver' | 'open' | 'cancelled' | 'doneEarlier';

export interface OutcomeCounts {
  orders: number;
  done: number;
  absent: number;
  notDone: number;
  carriedOver: number;
  open: number;
}

export interface WorkerFigures extends OutcomeCounts {
  personId: string | null; // null: orders nobody was given
  onDuty: boolean;
  /** Asked to confirm the day (dayEndWorkers): on duty and not a supervisor without orders, or given orders. */
  asked: boolean;
  /** When the worker reported the day complete (完了報告), null when not (yet). */
  confirmedAt: Date | null;
  parkingYen: number;
}

export interface KindFigures extends OutcomeCounts {
  kind: TaskKind;
}

export interface OrderLine {
  orderNo: string;
  kind: TaskKind;
  town: string;
  personId: string | null;
  reason: string; // not_done: the worker's reason; '' otherwise
}

export interface FlaggedLine {
  orderNo: string;
  kind: TaskKind;
  personId: string | null;
  flags: ResultFlag[];
  findings: ResultFindings | null;
}

/** A doubt or incident with its outcome (answer, resolution) as it stands at compile time. */
export interface CaseLine {
  at: Date;
  personId: string;
  orderNo: string | null;
  text: string;
  state: string;
  outcome: string;
  closedAt: Date | null;
}

/** An incident line; kind and terminal tell a terminal case (作業用端末の破損・紛失) from an accident. */
export interface IncidentLine extends CaseLine {
  kind: string;
  terminal: string | null;
}

export interface ComplaintLine {
  at: Date;
  kind: string;
  text: string;
  state: string;
  outcome: string;
  closedAt: Date | null;
}

export interface NoteLine {
  at: Date;
  personId: string;
  orderNo: string | null;
  text: string;
}

export interface DailyFigures {
  date: string;
  hasData: boolean;
  workers: WorkerFigures[];
  totals: OutcomeCounts;
  kinds: KindFigures[];
  notDone: OrderLine[];
  carriedOver: OrderLine[];
  open: OrderLine[];
  flagged: FlaggedLine[];
  meters: MeterFigures[];
  meterTotals: MeterFigures;
  doubts: CaseLine[];
  incidents: IncidentLine[];
  complaints: ComplaintLine[];
  handoverNotes: NoteLine[];
  overtimeLines: string[];
  parking: { items: DailyParkingRow[]; totalYen: number };
  /** Workers asked to confirm the day (see dayEndWorkers) who have not. */
  unconfirmed: string[];
}

const KINDS: readonly TaskKind[] = ['open', 'close', 'transfer', 'other'];

export function dayOutcomeOf(order: DailyOrderRow, date: string): DayOutcome {
  if (order.result) {
    const day = tokyoDate(order.result.recordedAt);
    return day === date ? order.result.outcome : day < date ? 'doneEarlier' : 'carriedOver';
  }
  if (order.status === 'cancelled') return 'cancelled';
  if (order.status === 'done' || order.status === 'absent' || order.status === 'not_done') return order.status;
  return order.scheduledDate > date ? 'carriedOver' : 'open';
}

/** The orders still open on the date: what the end-of-day compile carries over. */
export function openOrdersOf(orders: readonly DailyOrderRow[], date: string): string[] {
  return orders.filter((o) => dayOutcomeOf(o, date) === 'open').map((o) => o.orderNo);
}

/**
 * Who is asked to confirm the day (and must have, for an early compile): the workers on duty other than the
 * supervisors, plus anyone (a supervisor too) who was given orders that day.
 */
export function dayEndWorkers(onDuty: readonly string[], supervisors: readonly string[], assignees: readonly (string | null)[]): string[] {
  const given = assignees.filter((id): id is string => id !== null);
  return [...new Set([...onDuty.filter((id) => !supervisors.includes(id) || given.includes(id)), ...given])];
}

export function aggregateDaily(date: string, rows: DailyRows): DailyFigures {
  const orders = rows.orders
    .map((o) => ({ order: o, outcome: dayOutcomeOf(o, date), personId: o.assigneeId ?? o.result?.personId ?? null }))
    .filter((o) => o.outcome !== 'cancelled' && o.outcome !== 'doneEarlier')
    .sort((a, b) => a.order.orderNo.localeCompare(b.order.orderNo));
  const line = (o: (typeof orders)[number]): OrderLine => ({
    orderNo: o.order.orderNo,
    kind: o.order.kind,
    town: o.order.town,
    personId: o.personId,
    reason: o.outcome === 'not_done' ? (o.order.result?.notDoneReason ?? '') : '',
  });
  const confirmed = new Map(rows.confirmations.map((c) => [c.personId, c.confirmedAt]));
  const expected = dayEndWorkers(rows.onDuty, rows.supervisors, rows.orders.map((o) => o.assigneeId));
  const figures: DailyFigures = {
    date,
    hasData: false,
    workers: workerFigures(rows, orders, confirmed, expected),
    totals: countOf(orders.map((o) => o.outcome)),
    kinds: KINDS.map((kind) => ({ kind, ...countOf(orders.filter((o) => o.order.kind === kind).map((o) => o.outcome)) })),
    notDone: orders.filter((o) => o.outcome === 'not_done').map(line),
    carriedOver: orders.filter((o) => o.outcome === 'carriedOver').map(line),
    open: orders.filter((o) => o.outcome === 'open').map(line),
    flagged: flaggedLines(orders, date),
    ...meterFigures(rows.meterMovements),
    ...caseLines(rows),
    handoverNotes: [...rows.handoverNotes]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((n) => ({ at: n.createdAt, personId: n.personId, orderNo: n.orderNo, text: n.text })),
    overtimeLines: rows.overtimeLines,
    parking: { items: rows.parkingFees, totalYen: rows.parkingFees.reduce((sum, p) => sum + p.amountYen, 0) },
    unconfirmed: expected.filter((id) => !confirmed.has(id)),
  };
  figures.hasData = orders.length > 0 || rows.meterMovements.length > 0 || rows.doubts.length > 0 || rows.incidents.length > 0 ||
    rows.complaints.length > 0 || rows.handoverNotes.length > 0 || rows.parkingFees.length > 0 || rows.overtimeLines.length > 0;
  return figures;
}

function countOf(outcomes: DayOutcome[]): OutcomeCounts {
  const count = (o: DayOutcome) => outcomes.filter((x) => x === o).length;
  return { orders: outcomes.length, done: count('done'), absent: count('absent'), notDone: count('not_done'), carriedOver: count('carriedOver'), open: count('open') };
}

type Placed = { order: DailyOrderRow; outcome: DayOutcome; personId: string | null };

function workerFigures(rows: DailyRows, orders: Placed[], confirmed: Map<string, Date>, asked: string[]): WorkerFigures[] {
  const others = [...new Set([...orders.map((o) => o.personId), ...rows.parkingFees.map((p) => p.personId)])]
    .filter((id): id is string => id !== null && !rows.onDuty.includes(id))
    .sort();
  const ids: (string | null)[] = [...rows.onDuty, ...others];
  if (orders.some((o) => o.personId === null)) ids.push(null);
  return ids.map((personId) => ({
    personId,
    onDuty: personId !== null && rows.onDuty.includes(personId),
    asked: personId !== null && asked.includes(personId),
    confirmedAt: personId === null ? null : (confirmed.get(personId) ?? null),
    parkingYen: rows.parkingFees.filter((p) => p.personId === personId).reduce((sum, p) => sum + p.amountYen, 0),
    ...countOf(orders.filter((o) => o.personId === personId).map((o) => o.outcome)),
  }));
}

function flaggedLines(orders: Placed[], date: string): FlaggedLine[] {
  return orders
    .filter((o) => o.order.result && o.order.result.flags.length > 0 && tokyoDate(o.order.result.recordedAt) <= date)
    .map((o) => ({
      orderNo: o.order.orderNo,
      kind: o.order.kind,
      personId: o.personId,
      flags: RESULT_FLAGS.filter((f) => o.order.result!.flags.includes(f)),
      findings: o.order.result!.findings ?? null,
    }));
}

function meterFigures(rows: DailyRows['meterMovements']): { meters: MeterFigures[]; meterTotals: MeterFigures } {
  const diameters = [...new Set<number>([...METER_DIAMETERS_MM, ...rows.map((r) => r.diameterMm)])].sort((a, b) => a - b);
  const count = (mm: number | null, kind: MeterWork) => rows.filter((r) => (mm === null || r.diameterMm === mm) && r.kind === kind).length;
  const figure = (mm: number | null): MeterFigures => {
    const f = { diameterMm: mm ?? 0, install: count(mm, 'install'), replace: count(mm, 'replace'), remove: count(mm, 'remove'), total: 0 };
    return { ...f, total: f.install + f.replace + f.remove };
  };
  return { meters: diameters.map(figure), meterTotals: figure(null) };
}

function caseLines(rows: DailyRows): Pick<DailyFigures, 'doubts' | 'incidents' | 'complaints'> {
  const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();
  const joined = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join(' / ');
  return {
    doubts: rows.doubts
      .map((d) => ({ at: d.raisedAt, personId: d.raisedById, orderNo: d.orderNo, text: d.text, state: d.state, outcome: d.answer ?? '', closedAt: d.resolvedAt }))
      .sort(byTime),
    incidents: rows.incidents
      .map((i) => ({
        at: i.occurredAt, personId: i.reportedById, orderNo: i.orderNo, kind: i.kind, terminal: i.terminal,
        text: i.description, state: i.state, outcome: i.resolution ?? '', closedAt: i.resolvedAt,
      }))
      .sort(byTime),
    complaints: rows.complaints
      .map((c) => ({ at: c.receivedAt, kind: c.kind, text: c.description, state: c.state, outcome: joined(c.findings, c.actionTaken), closedAt: c.resolvedAt }))
      .sort(byTime),
  };
}
