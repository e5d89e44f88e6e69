import { t } from '../../templates.ts';
import { buildConsumablesReport, type ConsumablesReportDeps } from './consumables-report.ts';
import type { MonthlyExtra } from './send-monthly-report.ts';

/** 材料受払簿 (別表2) of the month, PDF and CSV, for the monthly sending (send-monthly-report.ts). */
export function consumablesFiles(deps: ConsumablesReportDeps): MonthlyExtra {
  return async (_report, { month }) => {
    const report = await buildConsumablesReport(deps, month);
    const period = report.periodLabel;
    const commandNote = t('consumables.posted.teams', { period, month });
    return [
      { bytes: report.pdf, filename: `consumables-${month}.pdf`, title: t('consumables.posted.pdfTitle', { period }), savedNote: (path) => t('consumables.posted.pdfSaved', { period, path }), commandNote },
      { bytes: new TextEncoder().encode(report.csv), filename: `consumables-${month}.csv`, title: t('consumables.posted.csvTitle', { period }), savedNote: (path) => t('consumables.posted.csvSaved', { period, path }), commandNote },
    ];
  };
}
