import type { DailyReportStanding } from '../../domain/reports/daily-approval.ts';
import type { ContractorDetails } from '../../domain/reports/contractor.ts';
import type { MonthlyRows } from '../../domain/reports/monthly-rows.ts';
import type { ReportDocument } from '../../domain/reports/report-document.ts';
import type { StaffingSnapshot } from './staffing-snapshot.ts';

/** What the report use cases need from the outside world. */
export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
}

export interface PdfRenderer {
  render(doc: ReportDocument): Promise<RenderedPdf>;
}

export interface MonthlyReportSource {
  /** Rows whose date or instant falls in the Tokyo month (more is harmless: the aggregate filters). */
  loadMonthlyRows(month: string): Promise<MonthlyRows>;
  /** The state of each 日報 of the month that was compiled (by date); a date missing was never compiled. */
  dailyReportStates(month: string): Promise<Map<string, DailyReportStanding>>;
}

export interface StaffingSource {
  loadStaffing(date: string): Promise<StaffingSnapshot>;
}

export interface SavedReport {
  kind: string;
  period: string;
  content: string; // JSON view model
  pdf: Uint8Array;
  actorId: string | null;
  channel: string;
  /** Personal data the document prints: recorded as personalData.displayed in the same transaction. */
  personalData?: { entity: string; fields: string[]; count: number };
}

export interface ReportRepository {
  /** Creates or replaces the report of (kind, period), back to draft, with an AuditLog row. */
  saveReport(report: SavedReport): Promise<{ id: number }>;
}

/** The contractor's details from the staff file's `contractor:` section (null = never set): every document's header. */
export interface ContractorSource {
  contractor(): Promise<ContractorDetails | null>;
}
