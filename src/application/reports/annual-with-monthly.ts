import { t } from '../../templates.ts';
import { buildAnnualReport, type BuildAnnualReportDeps } from './build-annual-report.ts';
import type { MonthlyExtra } from './send-monthly-report.ts';

/** The last month of a fiscal year (April → March): its 月報 also carries the year's 別表1. */
export const FISCAL_YEAR_LAST_MONTH = '03';

/**
 * 別表1 (annual table) of the fiscal year that ends with the reported month, PDF and CSV, sent with March's 月報
 * (on the first work day of April); no files for any other month.
 */
export function annualWithMonthlyReport(deps: BuildAnnualReportDeps): MonthlyExtra {
  return async (_report, { month }) => {
    if (month.slice(5, 7) !== FISCAL_YEAR_LAST_MONTH) return [];
    const fiscalYear = String(Number(month.slice(0, 4)) - 1);
    const annual = await buildAnnualReport(deps, { fiscalYear, actorId: null, channel: 'system' });
    const period = annual.view.periodLabel;
    const commandNote = t('bureauDocs.annual.posted.teams', { period, year: fiscalYear });
    return [
      { bytes: annual.pdf, filename: `annual-${fiscalYear}.pdf`, title: t('bureauDocs.annual.posted.pdfTitle', { period }), savedNote: (path) => t('bureauDocs.annual.posted.pdfSaved', { period, path }), commandNote },
      { bytes: new TextEncoder().encode(annual.csv), filename: `annual-${fiscalYear}.csv`, title: t('bureauDocs.annual.posted.csvTitle', { period }), savedNote: (path) => t('bureauDocs.annual.posted.csvSaved', { period, path }), commandNote },
    ];
  };
}
