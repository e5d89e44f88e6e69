import { incidentReportText } from '../incidents/terminal-wording.ts';
import { tokyoDate, weekdayOf } from '../../domain/calendar/local-time.ts';
import type { DailyFigures, KindFigures, OutcomeCounts } from '../../domain/reports/daily-aggregate.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import type { MeterFigures } from '../../domain/reports/monthly-aggregate.ts';
import type { ResultFlag } from '../../domain/reports/monthly-rows.ts';
import type { ResultFindings } from '../../domain/reports/daily-rows.ts';
import { formatEraDate, weekdayLabel } from '../../domain/reports/japanese-era.ts';
import type { TaskKind } from '../../domain/work-order/task-kind.ts';
import { t } from '../../templates.ts';
import type { ReportHeader } from './report-header.ts';

/** A supervisor's correction (修正・追記), appended to the report as free text. */
export interface DailyCorrection {
  personId: string;
  name: string;
  at: string; // YYYY-MM-DD HH:MM, Tokyo
  text: string;
  /** The inbound chat event (修正・追記) that added it: its replay adds it once. */
  eventId?: number;
}

/** 訂正 of a result after the report was approved: the report is re-issued marked 訂正 with what changed. */
export interface DailyAmendment {
  /** The 訂正 (ResultCorrection id); 0 for a result recorded after the approval (`lateResult`). */
  correctionId: number;
  lateResult?: true;
  at: string; // YYYY-MM-DD HH:MM, Tokyo
  name: string;
  orderNo: string;
  /** 訂正前 / 訂正後: the changed values, as the chat shows them (free text masked). */
  before: string;
  after: string;
}

export interface DailyOrderLine {
  orderNo: string;
  kind: TaskKind;
  town: string;
  worker: string;
  reason: string;
}

export interface DailyCaseLine {
  at: string;
  worker: string;
  orderNo: string;
  text: string;
  state: string;
  outcome: string;
}

/** 日報 of one date, ready to print; stored as JSON in Report.content (kind 'daily', period = date). */
export interface DailyReportView {
  kind: 'daily';
  date: string;
  dateLabel: string; // 令和8年3月27日（金）
  shortLabel: string; // 3月27日(金)
  header: ReportHeader;
  hasData: boolean;
  /** 'bot': compiled at the end of the day (cards sent, reminders run); 'cli': made by `report daily`. */
  source: 'bot' | 'cli';
  compiledAt: string; // YYYY-MM-DD HH:MM, Tokyo
  /** ISO instant of the end-of-day compile (source 'bot'): unapproved-report reminders count from it. */
  remindFrom: string | null;
  /** The next work day the compile carried open orders to, and which (kept across rebuilds). */
  carriedTo: string | null;
  carriedOrderNos: string[];
  totals: OutcomeCounts;
  workers: (OutcomeCounts & { name: string; onDuty: boolean; asked: boolean; confirmed: string; parkingYen: number })[];
  kinds: KindFigures[];
  notDone: DailyOrderLine[];
  carriedOver: DailyOrderLine[];
  open: DailyOrderLine[];
  flagged: { orderNo: string; kind: TaskKind; worker: string; flags: ResultFlag[]; findings: ResultFindings | null }[];
  meters: MeterFigures[];
  meterTotals: MeterFigures;
  doubts: DailyCaseLine[];
  incidents: DailyCaseLine[];
  complaints: (Omit<DailyCaseLine, 'worker' | 'orderNo'> & { kind: string })[];
  handoverNotes: { at: string; worker: string; orderNo: string; text: string }[];
  overtimeLines: string[];
  parking: { items: { worker: string; orderNo: string; amountYen: number; note: string }[]; totalYen: number };
  unconfirmed: string[];
  corrections: DailyCorrection[];
  /**
   * auditHead: the audit chain's head hash when the report was approved (absent on reports approved before it was
   * printed): the bureau keeps it as an anchor for `kaiheisen audit verify --anchor`.
   */
  approval: { personId: string; name: string; at: string; auditHead?: string } | null;
  /** Set when an approved report was re-issued after corrections (訂正); absent on the original. */
  amendments?: DailyAmendment[];
}

export interface DailyViewContext {
  header: ReportHeader;
  names: Map<string, string>;
  now: Date;
  source: 'bot' | 'cli';
  remindFrom: string | null;
  carriedTo: string | null;
  carriedOrderNos: string[];
  corrections: DailyCorrection[];
}

/** HH:MM on the report date, M/D HH:MM on another day. */
export function timeOnDay(at: Date, date: string): string {
  const stamp = tokyoDateTime(at);
  const time = stamp.slice(11);
  if (tokyoDate(at) === date) return time;
  return t('reports.daily.otherDay', { month: Number(stamp.slice(5, 7)), day: Number(stamp.slice(8, 10)), time });
}

export function dailyDateLabels(date: string): { dateLabel: string; shortLabel: string } {
  const weekday = weekdayLabel(weekdayOf(date));
  return { dateLabel: `${formatEraDate(date)}（${weekday}）`, shortLabel: `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日(${weekday})` };
}

export function dailyReportView(figures: DailyFigures, ctx: DailyViewContext): DailyReportView {
  const name = (id: string | null) => (id === null ? t('reports.daily.unassigned') : (ctx.names.get(id) ?? id));
  const time = (at: Date) => timeOnDay(at, figures.date);
  const order = (o: DailyFigures['notDone'][number]): DailyOrderLine => ({ orderNo: o.orderNo, kind: o.kind, town: o.town, worker: name(o.personId), reason: o.reason });
  const caseLine = (c: DailyFigures['doubts'][number]): DailyCaseLine => ({
    at: time(c.at), worker: name(c.personId), orderNo: c.orderNo ?? '', text: c.text, state: c.state, outcome: c.outcome,
  });
  return {
    kind: 'daily',
    date: figures.date,
    ...dailyDateLabels(figures.date),
    header: ctx.header,
    hasData: figures.hasData,
    source: ctx.source,
    compiledAt: tokyoDateTime(ctx.now),
    remindFrom: ctx.remindFrom,
    carriedTo: ctx.carriedTo,
    carriedOrderNos: ctx.carriedOrderNos,
    totals: figures.totals,
    workers: figures.workers.map(({ personId, confirmedAt, onDuty, asked, parkingYen, ...counts }) => ({
      ...counts,
      name: onDuty || personId === null ? name(personId) : t('reports.daily.offDuty', { name: name(personId) }),
      onDuty,
      asked,
      confirmed: confirmedAt ? time(confirmedAt) : '',
      parkingYen,
    })),
    kinds: figures.kinds,
    notDone: figures.notDone.map(order),
    carriedOver: figures.carriedOver.map(order),
    open: figures.open.map(order),
    flagged: figures.flagged.map((f) => ({ orderNo: f.orderNo, kind: f.kind, worker: name(f.personId), flags: f.flags, findings: f.findings })),
    meters: figures.meters,
    meterTotals: figures.meterTotals,
    doubts: figures.doubts.map(caseLine),
    incidents: figures.incidents.map((i) => ({ ...caseLine(i), text: incidentReportText(i) })),
    complaints: figures.complaints.map((c) => ({ at: time(c.at), kind: c.kind, text: c.text, state: c.state, outcome: c.outcome })),
    handoverNotes: figures.handoverNotes.map((n) => ({ at: time(n.at), worker: name(n.personId), orderNo: n.orderNo ?? '', text: n.text })),
    overtimeLines: figures.overtimeLines,
    parking: {
      items: figures.parking.items.map((p) => ({ worker: name(p.personId), orderNo: p.orderNo ?? '', amountYen: p.amountYen, note: p.note ?? '' })),
      totalYen: figures.parking.totalYen,
    },
    unconfirmed: figures.unconfirmed.map(name),
    corrections: ctx.corrections,
    approval: null,
  };
}
