import { isIsoDate, tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Clock } from '../ports.ts';
import { getDayStaffing, type DayStaffingDeps } from '../staffing/get-day-staffing.ts';
import type { StaffReader } from '../staffing/ports.ts';
import { contactChartDocument } from './contact-chart-document.ts';
import { contactChartView, type ContactChartView } from './contact-chart-view.ts';
import type { ContractorSource, PdfRenderer, ReportRepository } from './ports.ts';
import { reportHeader } from './report-header.ts';

export interface BuildContactChartDeps extends DayStaffingDeps {
  staff: Pick<StaffReader, 'listPeople' | 'explicitStaffing' | 'defaultStaffing' | 'rosterRanges' | 'contactCharts' | 'channels'>;
  reports: ReportRepository;
  renderer: PdfRenderer;
  clock: Clock;
  contractor: ContractorSource;
}

export interface ContactChartResult {
  reportId: number;
  view: ContactChartView;
  pdf: Uint8Array;
  pageCount: number;
}

export const CONTACT_CHART_REPORT_KIND = 'contactChart';

/**
 * 連絡系統図 (spec 13(1)) as valid on a date (default: today in Tokyo): the stored charts with the date's 業務責任者,
 * the after-hours roster and the bureau's channel. Phone numbers are printed; stored in Report (kind 'contactChart').
 */
export async function buildContactChart(
  deps: BuildContactChartDeps,
  input: { date?: string; actorId?: string | null; channel?: string },
): Promise<ContactChartResult> {
  const today = tokyoDate(deps.clock.now());
  const date = input.date ?? today;
  if (!isIsoDate(date)) throw new AppError(ErrorCode.InvalidInput, t('reports.cli.badDate', { value: date }));
  const [charts, people, staffing, defaults, rosterRanges, channels] = await Promise.all([
    deps.staff.contactCharts(),
    deps.staff.listPeople(),
    getDayStaffing(deps, date),
    deps.staff.defaultStaffing(),
    deps.staff.rosterRanges(),
    deps.staff.channels(),
  ]);
  const defaultSupervisors = defaults.filter((r) => r.isSupervisor).map((r) => r.personId);
  const facts = { date, charts, people, supervisorsToday: staffing.supervisors, defaultSupervisors, rosterRanges, channels };
  const view = contactChartView(facts, reportHeader(await deps.contractor.contractor()), today);
  const rendered = await deps.renderer.render(contactChartDocument(view));
  const named = new Set([...view.charts.flatMap((c) => c.levels.flatMap((l) => l.people.map((p) => p.personId))), ...rosterRanges.flatMap((r) => r.personIds)]);
  const { id } = await deps.reports.saveReport({
    kind: CONTACT_CHART_REPORT_KIND,
    period: date,
    content: JSON.stringify(view),
    pdf: rendered.bytes,
    actorId: input.actorId ?? null,
    channel: input.channel ?? 'system',
    personalData: { entity: 'Person', fields: ['name', 'phone'], count: named.size },
  });
  return { reportId: id, view, pdf: rendered.bytes, pageCount: rendered.pageCount };
}
