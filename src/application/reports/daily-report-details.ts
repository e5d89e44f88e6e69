import type { Block, TableColumn } from '../../domain/reports/report-document.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import type { DailyReportView } from './daily-report-view.ts';
import { formatCount, labelOr } from './report-header.ts';

/** Doubts, incidents and complaints with their outcome; after-hours consents; parking fees; notes; corrections. */
const col = (key: string, weight: number, align: TableColumn['align'] = 'left'): TableColumn => ({ label: templateText(`reports.daily.${key}`), weight, align });
const stateLabel = (state: string) => labelOr('reports.caseState', state, hasTemplate);
const none = () => t('reports.common.none');

/** 'YYYY-MM-DD HH:MM' → HH:MM on the report date, M/D HH:MM on another day. */
function stampOnDay(stamp: string, date: string): string {
  const time = stamp.slice(11);
  if (stamp.startsWith(date)) return time;
  return t('reports.daily.otherDay', { month: Number(stamp.slice(5, 7)), day: Number(stamp.slice(8, 10)), time });
}

export function dailyCaseBlocks(view: DailyReportView): Block[] {
  const caseColumns = [col('colAt', 0.7, 'center'), col('colOrderNo', 1.5), col('colReporter', 1.1), col('colText', 2.8), col('colState', 0.8, 'center'), col('colOutcome', 3.1)];
  const caseRows = (list: DailyReportView['doubts']) => list.map((c) => [c.at, c.orderNo, c.worker, c.text, stateLabel(c.state), c.outcome]);
  return [
    { type: 'heading', text: t('reports.daily.doubtsHeading') },
    { type: 'table', columns: caseColumns, rows: caseRows(view.doubts), emptyText: none() },
    { type: 'heading', text: t('reports.daily.incidentsHeading') },
    { type: 'table', columns: caseColumns, rows: caseRows(view.incidents), emptyText: none() },
    { type: 'heading', text: t('reports.daily.complaintsHeading') },
    {
      type: 'table',
      columns: [col('colAt', 0.8, 'center'), col('colComplaintKind', 1.1, 'center'), col('colText', 3.5), col('colState', 0.9, 'center'), col('colOutcome', 3.2)],
      rows: view.complaints.map((c) => [c.at, labelOr('reports.complaintKind', c.kind, hasTemplate), c.text, stateLabel(c.state), c.outcome]),
      emptyText: none(),
    },
    { type: 'heading', text: t('reports.daily.overtimeHeading') },
    { type: 'paragraph', text: view.overtimeLines.length > 0 ? view.overtimeLines.join('\n') : none() },
  ];
}

export function dailyNoteBlocks(view: DailyReportView): Block[] {
  const yen = (n: number) => t('reports.common.yen', { amount: formatCount(n) });
  return [
    { type: 'heading', text: t('reports.daily.parkingHeading') },
    {
      type: 'table',
      columns: [col('colWorker', 1.6), col('colOrderNo', 1.6), col('colAmount', 1.1, 'right'), col('colNote', 3.5)],
      rows: view.parking.items.map((p) => [p.worker, p.orderNo, yen(p.amountYen), p.note]),
      footerRows: view.parking.items.length > 0 ? [[t('reports.common.total'), '', yen(view.parking.totalYen), '']] : undefined,
      emptyText: none(),
    },
    { type: 'heading', text: t('reports.daily.notesHeading') },
    {
      type: 'table',
      columns: [col('colAt', 0.8, 'center'), col('colWorker', 1.4), col('colOrderNo', 1.5), col('colText', 6)],
      rows: view.handoverNotes.map((n) => [n.at, n.worker, n.orderNo, n.text]),
      emptyText: none(),
    },
    { type: 'heading', text: t('reports.daily.correctionsHeading') },
    {
      type: 'table',
      columns: [col('colAt', 0.8, 'center'), col('colSupervisor', 1.4), col('colText', 7)],
      rows: view.corrections.map((c) => [stampOnDay(c.at, view.date), c.name, c.text]),
      emptyText: none(),
    },
  ];
}

/** 訂正 after the approval: when, who, which order, before and after (nothing on a report never re-issued). */
export function dailyAmendmentBlocks(view: DailyReportView): Block[] {
  const amendments = view.amendments ?? [];
  if (amendments.length === 0) return [];
  return [
    { type: 'heading', text: t('reports.daily.amendmentsHeading') },
    {
      type: 'table',
      columns: [col('colAt', 0.9, 'center'), col('colCorrectedBy', 1.2), col('colOrderNo', 1.5), col('colBefore', 3), col('colAfter', 3)],
      rows: amendments.map((a) => [stampOnDay(a.at, view.date), a.name, a.orderNo, a.before, a.after]),
    },
  ];
}
