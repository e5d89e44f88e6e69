import type { Actor } from '../../domain/access/actor.ts';
import type { DailyRows } from '../../domain/reports/daily-rows.ts';
import type { TimerSpec } from '../timers/ports.ts';
import type { DailyReportView } from './daily-report-view.ts';

/** What the daily report (日報) needs from the outside world, besides PdfRenderer and ReportSettings. */
export interface DailySource {
  /**
   * The rows of one Tokyo date: orders assigned or scheduled on it, plus `alsoOrderNos` (orders a compile carried
   * away from the date, found again by number), the day's cases, notes, fees, confirmations and overtime lines.
   */
  loadDay(date: string, alsoOrderNos?: readonly string[]): Promise<DailyRows>;
  /** Display names of the staff file, by person id. */
  names(): Promise<Map<string, string>>;
}

export type DailyReportState = 'draft' | 'approved' | 'sent';

export interface StoredDailyReport {
  id: number;
  date: string;
  state: DailyReportState;
  view: DailyReportView;
  pdf: Uint8Array | null;
}

/** Durable timers a state change of the report starts or ends, written in its transaction (the wait for approval). */
export interface ReportTimers {
  schedule?: TimerSpec[];
  /** Cancels the pending timers whose dedupe key starts with one of these. */
  cancelPrefixes?: string[];
}

/** Report rows of kind 'daily' (period YYYY-MM-DD): draft → approved → sent, every change audited. */
export interface DailyReportRepository {
  getDaily(date: string): Promise<StoredDailyReport | undefined>;
  /**
   * Creates or replaces the draft, with its timers; undefined (nothing written) when the report is already approved or
   * sent. A timer whose dedupe key is present already is kept as it is.
   */
  saveDailyDraft(date: string, view: DailyReportView, pdf: Uint8Array, actor: Actor, timers?: ReportTimers): Promise<{ id: number } | undefined>;
  /** draft → approved with the final view and PDF, and its timers; false (nothing written) when it was not a draft any more. */
  approveDaily(date: string, view: DailyReportView, pdf: Uint8Array, actor: Actor, at: Date, timers?: ReportTimers): Promise<boolean>;
  /** The audit chain's current head hash (printed on the approved report as the bureau's anchor). */
  auditHead(): Promise<string>;
  /** approved → sent; false when it was not approved (already sent). `detail` goes into the audit row. */
  markDailySent(date: string, actor: Actor, at: Date, detail: unknown): Promise<boolean>;
  /**
   * An approved or sent report re-issued (訂正) with its new view and PDF; its state stays. false (nothing written)
   * when it is a draft. Audited as 'report.reissued'.
   */
  reissueDaily(date: string, view: DailyReportView, pdf: Uint8Array, actor: Actor, at: Date): Promise<boolean>;
}
