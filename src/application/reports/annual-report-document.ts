import type { ReportDocument, TableColumn } from '../../domain/reports/report-document.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import { t, templateText } from '../../templates.ts';
import type { AnnualReportView } from './annual-report-view.ts';
import { contractorFields } from './contractor-block.ts';
import { formatCount } from './report-header.ts';

const COLUMNS = ['colMonth', 'colOpen', 'colClose', 'colTransfer', 'colTotal'] as const;
const label = (key: (typeof COLUMNS)[number]) => templateText(`bureauDocs.annual.${key}`);

/** 別表1 over twelve months: one portrait page, months as rows, a 合計 row, 単位：件. */
export function annualReportDocument(view: AnnualReportView): ReportDocument {
  const columns: TableColumn[] = COLUMNS.map((key, i) => ({ label: label(key), weight: i === 0 ? 1.6 : 1.2, align: i === 0 ? 'center' : 'right' }));
  const figures = (r: { open: number; close: number; transfer: number; total: number }) => [r.open, r.close, r.transfer, r.total].map(formatCount);
  return {
    title: t('bureauDocs.annual.documentTitle', { period: view.periodLabel }),
    author: view.header.contractorName,
    sections: [
      {
        orientation: 'portrait',
        pageNumbers: false,
        blocks: [
          { type: 'paragraph', text: `${t('reports.header.submittedLabel')}　${view.submittedLabel}`, align: 'right' },
          { type: 'title', text: t('bureauDocs.annual.title') },
          {
            type: 'fields',
            align: 'left',
            rows: [
              { label: t('reports.header.contractLabel'), value: view.header.contractName },
              ...contractorFields(view.header),
              { label: t('bureauDocs.annual.periodLabel'), value: view.periodLabel },
            ],
          },
          { type: 'spacer', height: 8 },
          { type: 'paragraph', text: t('bureauDocs.annual.unit'), align: 'right' },
          {
            type: 'table',
            columns,
            rows: view.rows.map((r) => [r.label, ...figures(r)]),
            footerRows: [[t('bureauDocs.annual.total'), ...figures(view.totals)]],
          },
          { type: 'spacer', height: 6 },
          { type: 'paragraph', text: t('bureauDocs.annual.note'), size: 8 },
        ],
      },
    ],
  };
}

/** The same table for spreadsheets: plain numbers (no separators), the 合計 row last. */
export function annualReportCsv(view: AnnualReportView): string {
  const totals = view.totals;
  return toCsv([
    COLUMNS.map(label),
    ...view.rows.map((r) => [r.label, r.open, r.close, r.transfer, r.total]),
    [t('bureauDocs.annual.total'), totals.open, totals.close, totals.transfer, totals.total],
  ]);
}
