import type { Block, ReportDocument, TableColumn } from '../../domain/reports/report-document.ts';
import { formatEraDateTime } from '../../domain/reports/japanese-era.ts';
import type { OutcomeCounts } from '../../domain/reports/daily-aggregate.ts';
import type { ResultFindings } from '../../domain/reports/daily-rows.ts';
import type { ResultFlag } from '../../domain/reports/monthly-rows.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import { dailyAmendmentBlocks, dailyCaseBlocks, dailyNoteBlocks } from './daily-report-details.ts';
import type { DailyReportView } from './daily-report-view.ts';
import { contractorFields } from './contractor-block.ts';
import { formatCount, labelOr } from './report-header.ts';
import { shortDate } from './monthly-report-document.ts';

/** 日報: the day per worker, what was not done or carried over, readings, meters, cases, fees and notes. */
export function dailyReportDocument(view: DailyReportView): ReportDocument {
  const amended = (view.amendments?.length ?? 0) > 0;
  const blocks: Block[] = [{ type: 'title', text: amended ? t('reports.daily.amendedTitle') : t('reports.daily.title') }, headerFields(view), { type: 'spacer', height: 6 }];
  // 訂正: what changed after the approval comes first, so the bureau sees it before the corrected figures.
  blocks.push(...dailyAmendmentBlocks(view));
  if (!view.hasData) blocks.push({ type: 'paragraph', text: t('reports.daily.noDataNote'), bold: true });
  blocks.push(...workerBlocks(view), ...kindBlocks(view), ...notDoneBlocks(view), ...carriedBlocks(view), ...flagBlocks(view), ...meterBlocks(view));
  blocks.push(...dailyCaseBlocks(view), ...dailyNoteBlocks(view));
  return {
    title: t(amended ? 'reports.daily.amendedDocumentTitle' : 'reports.daily.documentTitle', { date: view.dateLabel }),
    author: view.header.contractorName,
    sections: [{ orientation: 'portrait', pageNumbers: true, runningHeader: t(amended ? 'reports.daily.amendedRunningHeader' : 'reports.daily.runningHeader', { date: view.dateLabel }), blocks }],
  };
}

const col = (key: string, weight: number, align: TableColumn['align'] = 'left'): TableColumn => ({ label: templateText(`reports.daily.${key}`), weight, align });
const num = (key: string): TableColumn => col(key, 0.8, 'right');
const countCells = (c: OutcomeCounts) => [c.orders, c.done, c.absent, c.notDone, c.carriedOver, c.open].map(formatCount);
const countColumns = () => [num('colOrders'), num('colDone'), num('colAbsent'), num('colNotDone'), num('colCarriedOver'), num('colOpen')];
export const kindLabel = (kind: string) => labelOr('reports.kind', kind, hasTemplate);

function headerFields(view: DailyReportView): Block {
  const approval = view.approval ? t('reports.daily.approved', { name: view.approval.name, at: formatEraDateTime(view.approval.at) }) : t('reports.daily.notApproved');
  return {
    type: 'fields',
    align: 'left',
    rows: [
      { label: t('reports.header.bureauLabel'), value: view.header.bureauName },
      { label: t('reports.header.contractLabel'), value: view.header.contractName },
      ...contractorFields(view.header),
      { label: t('reports.header.dateLabel'), value: view.dateLabel },
      { label: t('reports.daily.compiledLabel'), value: formatEraDateTime(view.compiledAt) },
      { label: t('reports.daily.approvalLabel'), value: approval },
      ...(view.approval?.auditHead ? [{ label: t('reports.daily.auditHeadLabel'), value: view.approval.auditHead }] : []),
    ],
  };
}

function workerBlocks(view: DailyReportView): Block[] {
  const yen = (n: number) => (n > 0 ? t('reports.common.yen', { amount: formatCount(n) }) : '');
  const totalYen = view.workers.reduce((sum, w) => sum + w.parkingYen, 0);
  const blocks: Block[] = [
    { type: 'heading', text: t('reports.daily.workersHeading') },
    {
      type: 'table',
      columns: [col('colWorker', 2), ...countColumns(), col('colConfirmed', 1.1, 'center'), col('colParking', 1.1, 'right')],
      rows: view.workers.map((w) => [w.name, ...countCells(w), w.confirmed || (w.asked ? t('reports.daily.notConfirmed') : ''), yen(w.parkingYen)]),
      footerRows: [[t('reports.common.total'), ...countCells(view.totals), '', yen(totalYen)]],
      emptyText: t('reports.common.none'),
    },
    { type: 'paragraph', text: t('reports.daily.outcomeNote'), size: 8 },
  ];
  if (view.unconfirmed.length > 0) blocks.push({ type: 'paragraph', text: t('reports.daily.unconfirmedNote', { names: view.unconfirmed.join('、') }) });
  return blocks;
}

function kindBlocks(view: DailyReportView): Block[] {
  return [
    { type: 'heading', text: t('reports.daily.kindsHeading') },
    {
      type: 'table',
      columns: [col('colKind', 2), ...countColumns()],
      rows: view.kinds.map((k) => [kindLabel(k.kind), ...countCells(k)]),
      footerRows: [[t('reports.common.total'), ...countCells(view.totals)]],
    },
  ];
}

const orderColumns = () => [col('colOrderNo', 1.6), col('colKind', 0.7, 'center'), col('colTown', 1.4), col('colWorker', 1.3)];

function notDoneBlocks(view: DailyReportView): Block[] {
  return [
    { type: 'heading', text: t('reports.daily.notDoneHeading') },
    {
      type: 'table',
      columns: [...orderColumns(), col('colReason', 3)],
      rows: view.notDone.map((o) => [o.orderNo, kindLabel(o.kind), o.town, o.worker, o.reason]),
      emptyText: t('reports.common.none'),
    },
  ];
}

function carriedBlocks(view: DailyReportView): Block[] {
  const rows = (list: DailyReportView['open']) => list.map((o) => [o.orderNo, kindLabel(o.kind), o.town, o.worker]);
  const blocks: Block[] = [{ type: 'heading', text: t('reports.daily.carriedHeading') }];
  if (view.carriedTo) blocks.push({ type: 'paragraph', text: t('reports.daily.carriedNote', { next: shortDate(view.carriedTo) }) });
  blocks.push({ type: 'table', columns: orderColumns(), rows: rows(view.carriedOver), emptyText: t('reports.common.none') });
  if (view.open.length > 0) {
    blocks.push({ type: 'paragraph', text: t('reports.daily.openHeading'), bold: true }, { type: 'table', columns: orderColumns(), rows: rows(view.open) });
  }
  return blocks;
}

const answered = (value: boolean | null) => t(value === null ? 'reports.finding.unanswered' : value ? 'reports.finding.yes' : 'reports.finding.no');

/** A flag with what the worker answered to it: the その旨 statement, whether the customer was told or notified. */
function flagWithFinding(flag: ResultFlag, findings: ResultFindings | null): string {
  const label = t(`reports.flag.${flag}`);
  if (!findings) return label;
  if (flag === 'readingDiffersFromPrevious') return t('reports.finding.statement', { flag: label, statement: findings.readingStatement ?? t('reports.finding.unanswered') });
  if (flag === 'equipmentDefect') return t('reports.finding.customerTold', { flag: label, answer: answered(findings.customerToldOfDefect) });
  if (flag === 'improperUse') return t('reports.finding.notified', { flag: label, answer: answered(findings.improperUseNotified) });
  return label;
}

function flagBlocks(view: DailyReportView): Block[] {
  return [
    { type: 'heading', text: t('reports.daily.flagsHeading') },
    {
      type: 'table',
      columns: [col('colOrderNo', 1.6), col('colKind', 0.7, 'center'), col('colWorker', 1.3), col('colFlags', 4.4)],
      rows: view.flagged.map((f) => [f.orderNo, kindLabel(f.kind), f.worker, f.flags.map((flag) => flagWithFinding(flag, f.findings)).join('、')]),
      emptyText: t('reports.common.none'),
    },
  ];
}

function meterBlocks(view: DailyReportView): Block[] {
  const cells = (m: DailyReportView['meterTotals']) => [m.install, m.replace, m.remove, m.total].map(formatCount);
  const meterNum = (label: string): TableColumn => ({ label, weight: 1, align: 'right' });
  return [
    { type: 'heading', text: t('reports.daily.metersHeading') },
    {
      type: 'table',
      columns: [
        col('colDiameter', 1.2, 'center'),
        meterNum(t('reports.meterWork.install')),
        meterNum(t('reports.meterWork.replace')),
        meterNum(t('reports.meterWork.remove')),
        meterNum(t('reports.common.total')),
      ],
      rows: view.meters.map((m) => [t('reports.monthly.diameter', { mm: m.diameterMm }), ...cells(m)]),
      footerRows: [[t('reports.common.total'), ...cells(view.meterTotals)]],
    },
  ];
}
