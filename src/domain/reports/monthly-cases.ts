import { tokyoDate, tokyoMinutes } from '../calendar/local-time.ts';
import { isTerminalCase } from '../incidents/incident.ts';
import { CONSUMABLE_ITEMS } from '../consumables/consumable-items.ts';
import type { MonthlyRows } from './monthly-rows.ts';

/** Doubts, incidents, complaints (with after-hours call-outs), parking fees and consumables of a month. */
export interface CaseItem {
  at: string; // YYYY-MM-DD HH:MM, Tokyo
  text: string;
  state: string;
  closedAt: string | null; // resolved (or answered) at, Tokyo
}

export interface DoubtItem extends CaseItem {
  orderNo: string | null;
}

/** An incident; kind and terminal tell a terminal case (作業用端末の破損・紛失) from an accident. */
export interface IncidentItem extends CaseItem {
  kind: string;
  terminal: string | null;
}

export interface ComplaintItem extends CaseItem {
  kind: string;
  afterHours: boolean;
  acknowledgedAt: string | null;
  pageCount: number;
}

export interface CaseFigures {
  caseRowCount: number;
  doubts: { count: number; unresolved: number; items: DoubtItem[] };
  /** count includes the terminal cases; terminal: how many of them are 作業用端末の破損・紛失. */
  incidents: { count: number; unresolved: number; terminal: number; items: IncidentItem[] };
  complaints: { count: number; afterHours: number; unresolved: number; items: ComplaintItem[] };
  parking: { count: number; totalYen: number };
  consumables: { item: string; quantity: number }[];
}

/** The consumables the bureau supplies (spec table 2), always listed, in this order. */
export { CONSUMABLE_ITEMS };

export function tokyoDateTime(at: Date): string {
  const minutes = tokyoMinutes(at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${tokyoDate(at)} ${hh}:${mm}`;
}

const orNull = (at: Date | null) => (at ? tokyoDateTime(at) : null);

export function aggregateCases(month: string, rows: MonthlyRows, isBusinessTime: (at: Date) => boolean): CaseFigures {
  const inMonth = (date: string) => date.startsWith(`${month}-`);
  const byTime = <T extends { at: string }>(a: T, b: T) => a.at.localeCompare(b.at);
  const doubts = rows.doubts
    .filter((d) => inMonth(tokyoDate(d.raisedAt)))
    .map((d) => ({ at: tokyoDateTime(d.raisedAt), orderNo: d.orderNo, text: d.text, state: d.state, closedAt: orNull(d.resolvedAt) }))
    .sort(byTime);
  const incidents = rows.incidents
    .filter((i) => inMonth(tokyoDate(i.occurredAt)))
    .map((i) => ({ at: tokyoDateTime(i.occurredAt), kind: i.kind, terminal: i.terminal, text: i.description, state: i.state, closedAt: orNull(i.resolvedAt) }))
    .sort(byTime);
  const complaints = rows.complaints
    .filter((c) => inMonth(tokyoDate(c.receivedAt)))
    .map((c) => ({
      at: tokyoDateTime(c.receivedAt),
      kind: c.kind,
      text: c.description,
      state: c.state,
      afterHours: !isBusinessTime(c.receivedAt),
      acknowledgedAt: orNull(c.acknowledgedAt),
      pageCount: c.pageCount,
      closedAt: orNull(c.resolvedAt),
    }))
    .sort(byTime);
  const fees = rows.parkingFees.filter((p) => inMonth(p.date));
  const used = rows.consumables.filter((c) => inMonth(c.date));
  return {
    caseRowCount: doubts.length + incidents.length + complaints.length + fees.length + used.length,
    doubts: { count: doubts.length, unresolved: doubts.filter((d) => !d.closedAt).length, items: doubts },
    incidents: {
      count: incidents.length,
      unresolved: incidents.filter((i) => !i.closedAt).length,
      terminal: incidents.filter(isTerminalCase).length,
      items: incidents,
    },
    complaints: {
      count: complaints.length,
      afterHours: complaints.filter((c) => c.afterHours).length,
      unresolved: complaints.filter((c) => !c.closedAt).length,
      items: complaints,
    },
    parking: { count: fees.length, totalYen: fees.reduce((sum, p) => sum + p.amountYen, 0) },
    consumables: consumableTotals(used),
  };
}

function consumableTotals(used: MonthlyRows['consumables']): { item: string; quantity: number }[] {
  const totals = new Map<string, number>(CONSUMABLE_ITEMS.map((i) => [i, 0]));
  for (const c of used) totals.set(c.item, (totals.get(c.item) ?? 0) + c.quantity);
  return [...totals].map(([item, quantity]) => ({ item, quantity }));
}
