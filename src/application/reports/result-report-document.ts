import type { Block, ReportSection } from '../../domain/reports/report-document.ts';
import { t } from '../../templates.ts';
import type { MonthlyReportView } from './monthly-report-view.ts';
import { contractorBlock } from './contractor-block.ts';
import { formatCount } from './report-header.ts';

/** 委託業務結果報告書: the one-page cover of the month, addressed to the bureau. */
export function resultReportSection(view: MonthlyReportView): ReportSection {
  const { header } = view;
  const blocks: Block[] = [
    { type: 'paragraph', text: `${t('reports.header.submittedLabel')}　${view.submittedLabel}`, align: 'right' },
    { type: 'spacer', height: 8 },
    { type: 'paragraph', text: header.addressee, size: 12 },
    { type: 'spacer', height: 8 },
    ...contractorBlock(header),
    { type: 'spacer', height: 24 },
    { type: 'title', text: t('reports.result.title') },
    { type: 'spacer', height: 12 },
    { type: 'paragraph', text: t('reports.result.body', { period: view.periodLabel, contract: header.contractName }) },
    { type: 'spacer', height: 8 },
    { type: 'paragraph', text: t('reports.result.record'), align: 'center' },
    { type: 'spacer', height: 4 },
    {
      type: 'fields',
      align: 'left',
      rows: [
        { label: t('reports.header.contractLabel'), value: header.contractName },
        { label: t('reports.header.periodLabel'), value: `${view.periodLabel}（${view.periodRange}）` },
        { label: t('reports.header.bureauLabel'), value: header.bureauName },
      ],
    },
    { type: 'spacer', height: 8 },
    { type: 'heading', text: t('reports.result.summaryHeading') },
    summaryTable(view),
  ];
  if (!view.figures.hasData) blocks.push({ type: 'paragraph', text: t('reports.result.noDataNote'), bold: true });
  blocks.push({ type: 'spacer', height: 12 }, { type: 'paragraph', text: t('reports.result.attachment') });
  return { orientation: 'portrait', pageNumbers: false, blocks };
}

function summaryTable(view: MonthlyReportView): Block {
  const f = view.figures;
  const count = (n: number) => t('reports.common.count', { count: formatCount(n) });
  const rows: [string, string][] = [
    [t('reports.kind.open'), count(f.totals.open)],
    [t('reports.kind.close'), count(f.totals.close)],
    [t('reports.kind.transfer'), count(f.totals.transfer)],
    [t('reports.common.total'), count(f.totals.subtotal)],
    [t('reports.kind.other'), count(f.totals.other)],
    [t('reports.result.itemNotDone'), count(f.totals.notDone)],
    [t('reports.result.itemMeters'), count(f.meterTotals.total)],
    [t('reports.result.itemDoubts'), count(f.doubts.count)],
    [t('reports.result.itemIncidents'), count(f.incidents.count)],
    [t('terminal.report.itemTerminal'), count(f.incidents.terminal)],
    [t('reports.result.itemComplaints', { afterHours: formatCount(f.complaints.afterHours) }), count(f.complaints.count)],
    [t('reports.result.itemParking'), t('reports.common.yen', { amount: formatCount(f.parking.totalYen) })],
  ];
  return {
    type: 'table',
    columns: [
      { label: t('reports.result.colItem'), weight: 3, align: 'left' },
      { label: t('reports.result.colValue'), weight: 2, align: 'right' },
    ],
    rows,
  };
}
