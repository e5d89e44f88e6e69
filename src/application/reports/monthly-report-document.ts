import type { Block, ReportSection, TableColumn } from '../../domain/reports/report-document.ts';
import { formatEraMonth } from '../../domain/reports/japanese-era.ts';
import type { KindCounts } from '../../domain/reports/monthly-aggregate.ts';
import { RESULT_FLAGS } from '../../domain/reports/monthly-rows.ts';
import { t } from '../../templates.ts';
import { caseBlocks, expenseBlocks } from './monthly-report-details.ts';
import { unapprovedDaysText, type MonthlyReportView } from './monthly-report-view.ts';
import { contractorFields } from './contractor-block.ts';
import { formatCount } from './report-header.ts';

/** 開閉栓作業月報: counts in the layout of the spec's table 1, then the day table and the details. */
export function monthlyReportSection(view: MonthlyReportView): ReportSection {
  const blocks: Block[] = [
    { type: 'title', text: t('reports.monthly.title') },
    headerFields(view),
    { type: 'spacer', height: 6 },
  ];
  if (!view.figures.hasData) blocks.push({ type: 'paragraph', text: t('reports.monthly.noDataNote'), bold: true });
  const unapproved = unapprovedDaysText(view);
  if (unapproved) {
    const note = t('reports.monthly.unapproved.note', { submitted: view.submittedLabel, days: unapproved, month: view.month });
    blocks.push({ type: 'paragraph', text: note, bold: true });
  }
  blocks.push(
    ...summaryBlocks(view),
    ...dailyBlocks(view),
    ...notDoneBlocks(view),
    ...meterBlocks(view),
    ...flagBlocks(view),
    ...caseBlocks(view.figures),
    ...expenseBlocks(view.figures),
  );
  return {
    orientation: 'portrait',
    pageNumbers: true,
    runningHeader: t('reports.monthly.runningHeader', { period: view.periodLabel }),
    blocks,
  };
}

function headerFields(view: MonthlyReportView): Block {
  const h = view.header;
  return {
    type: 'fields',
    align: 'left',
    rows: [
      { label: t('reports.header.bureauLabel'), value: h.bureauName },
      { label: t('reports.header.contractLabel'), value: h.contractName },
      ...contractorFields(h),
      { label: t('reports.header.periodLabel'), value: `${view.periodLabel}（${view.periodRange}）` },
    ],
  };
}

const num = (label: string): TableColumn => ({ label, weight: 1, align: 'right' });
const kindColumns = (): TableColumn[] => [
  num(t('reports.kind.open')),
  num(t('reports.kind.close')),
  num(t('reports.kind.transfer')),
  num(t('reports.monthly.colSubtotal')),
];
const kindCells = (c: KindCounts) => [c.open, c.close, c.transfer, c.subtotal].map(formatCount);

function summaryBlocks(view: MonthlyReportView): Block[] {
  const totals = view.figures.totals;
  return [
    { type: 'heading', text: t('reports.monthly.summaryHeading') },
    {
      type: 'table',
      columns: [
        { label: t('reports.monthly.colMonth'), weight: 1.6, align: 'left' },
        ...kindColumns(),
        num(t('reports.kind.other')),
        num(t('reports.monthly.colNotDone')),
      ],
      rows: [[formatEraMonth(view.month), ...kindCells(totals), formatCount(totals.other), formatCount(totals.notDone)]],
    },
    { type: 'paragraph', text: t('reports.monthly.dailyNote'), size: 8 },
  ];
}

function dailyBlocks(view: MonthlyReportView): Block[] {
  const f = view.figures;
  const rows = f.days.map((d) => [
    `${Number(d.date.slice(8, 10))}日`,
    d.weekday,
    ...kindCells(d),
    formatCount(d.other),
    formatCount(d.notDone),
  ]);
  const totals = [t('reports.common.total'), '', ...kindCells(f.totals), formatCount(f.totals.other), formatCount(f.totals.notDone)];
  return [
    { type: 'heading', text: t('reports.monthly.dailyHeading') },
    {
      type: 'table',
      columns: [
        { label: t('reports.monthly.colDate'), weight: 0.9, align: 'center' },
        { label: t('reports.monthly.colWeekday'), weight: 0.6, align: 'center' },
        ...kindColumns(),
        num(t('reports.kind.other')),
        num(t('reports.monthly.colNotDone')),
      ],
      rows,
      footerRows: [totals],
    },
  ];
}

function notDoneBlocks(view: MonthlyReportView): Block[] {
  return [
    { type: 'heading', text: t('reports.monthly.notDoneHeading') },
    {
      type: 'table',
      columns: [
        { label: t('reports.monthly.colDate'), weight: 1, align: 'center' },
        { label: t('reports.monthly.colOrderNo'), weight: 1.6, align: 'left' },
        { label: t('reports.monthly.colKind'), weight: 0.8, align: 'center' },
        { label: t('reports.monthly.colTown'), weight: 1.6, align: 'left' },
        { label: t('reports.monthly.colReason'), weight: 3, align: 'left' },
      ],
      rows: view.figures.notDoneOrders.map((o) => [
        shortDate(o.date),
        o.orderNo,
        t(`reports.kind.${o.kind}`),
        o.town,
        o.reason,
      ]),
      emptyText: t('reports.common.none'),
    },
  ];
}

function meterBlocks(view: MonthlyReportView): Block[] {
  const f = view.figures;
  const cells = (m: { install: number; replace: number; remove: number; total: number }) =>
    [m.install, m.replace, m.remove, m.total].map(formatCount);
  return [
    { type: 'heading', text: t('reports.monthly.metersHeading') },
    {
      type: 'table',
      columns: [
        { label: t('reports.monthly.colDiameter'), weight: 1.2, align: 'center' },
        num(t('reports.meterWork.install')),
        num(t('reports.meterWork.replace')),
        num(t('reports.meterWork.remove')),
        num(t('reports.common.total')),
      ],
      rows: f.meters.map((m) => [t('reports.monthly.diameter', { mm: m.diameterMm }), ...cells(m)]),
      footerRows: [[t('reports.common.total'), ...cells(f.meterTotals)]],
    },
  ];
}

function flagBlocks(view: MonthlyReportView): Block[] {
  const f = view.figures;
  return [
    { type: 'heading', text: t('reports.monthly.flagsHeading') },
    {
      type: 'table',
      columns: [
        { label: t('reports.monthly.colFlag'), weight: 3, align: 'left' },
        num(t('reports.monthly.colCount')),
      ],
      rows: RESULT_FLAGS.map((flag) => [t(`reports.flag.${flag}`), formatCount(f.flagCounts[flag])]),
    },
    { type: 'paragraph', text: t('reports.monthly.flaggedListHeading'), bold: true },
    {
      type: 'table',
      columns: [
        { label: t('reports.monthly.colDate'), weight: 1, align: 'center' },
        { label: t('reports.monthly.colOrderNo'), weight: 1.6, align: 'left' },
        { label: t('reports.monthly.colKind'), weight: 0.8, align: 'center' },
        { label: t('reports.monthly.colFlags'), weight: 4.6, align: 'left' },
      ],
      rows: f.flaggedOrders.map((o) => [
        shortDate(o.date),
        o.orderNo,
        t(`reports.kind.${o.kind}`),
        o.flags.map((flag) => t(`reports.flag.${flag}`)).join('、'),
      ]),
      emptyText: t('reports.common.none'),
    },
  ];
}

/** 2026-03-05 → 3/5 */
export function shortDate(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}
