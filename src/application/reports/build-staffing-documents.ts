import { isIsoDate, tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Clock } from '../ports.ts';
import type { PdfRenderer, ReportRepository, ContractorSource, StaffingSource } from './ports.ts';
import { reportHeader } from './report-header.ts';
import { staffingDocument } from './staffing-documents.ts';
import { staffingView, type StaffingView } from './staffing-view.ts';

export interface BuildStaffingDocumentsDeps {
  source: StaffingSource;
  reports: ReportRepository;
  renderer: PdfRenderer;
  clock: Clock;
  isWorkDay: (date: string) => boolean;
  businessHours: { start: string; end: string };
  /** The staff file's `contractor:` section: the header of the document. */
  contractor: ContractorSource;
}

export interface StaffingDocumentsResult {
  reportId: number;
  view: StaffingView;
  pdf: Uint8Array;
  pageCount: number;
}

export const STAFFING_REPORT_KIND = 'staffing';

/**
 * 業務責任者選任届, 作業者配置表 and 時間外作業者配置表 of one date in one PDF, stored in Report
 * (kind 'staffing', period YYYY-MM-DD). Phone numbers are printed: these go to the bureau.
 */
export async function buildStaffingDocuments(
  deps: BuildStaffingDocumentsDeps,
  input: { date: string; actorId?: string | null; channel?: string },
): Promise<StaffingDocumentsResult> {
  if (!isIsoDate(input.date)) throw new AppError(ErrorCode.InvalidInput, t('reports.cli.badDate', { value: input.date }));
  const snapshot = await deps.source.loadStaffing(input.date);
  const view = staffingView(snapshot, deps.isWorkDay(input.date), reportHeader(await deps.contractor.contractor()), tokyoDate(deps.clock.now()));
  const rendered = await deps.renderer.render(staffingDocument(view, deps.businessHours));
  const { id } = await deps.reports.saveReport({
    kind: STAFFING_REPORT_KIND,
    period: input.date,
    content: JSON.stringify(view),
    pdf: rendered.bytes,
    actorId: input.actorId ?? null,
    channel: input.channel ?? 'system',
    personalData: { entity: 'Person', fields: ['name', 'phone', 'idCardNumber'], count: new Set([...view.supervisors, ...view.workers, ...view.afterHours].map((p) => p.name)).size },
  });
  return { reportId: id, view, pdf: rendered.bytes, pageCount: rendered.pageCount };
}
