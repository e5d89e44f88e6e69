import { incidentReportText } from '../incidents/terminal-wording.ts';
import type { Block } from '../../domain/reports/report-document.ts';
import type { MonthlyFigures } from '../../domain/reports/monthly-aggregate.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import { formatCount, formatMonthDayTime, labelOr } from './report-header.ts';

/** Sections 6–9 of the monthly report: doubts, incidents, complaints and call-outs, expenses. */
const state = (code: string) => labelOr('reports.caseState', code, hasTemplate);
const col = (key: string, weight: number, align: 'left' | 'center' | 'right' = 'left') => ({
  label: templateText(`reports.monthly.${key}`),
  weight,
  align,
});

export function caseBlocks(f: MonthlyFigures): Block[] {
  const none = t('reports.common.none');
  return [
    { type: 'heading', text: t('reports.monthly.doubtsHeading') },
    { type: 'paragraph', text: t('reports.monthly.casesSummary', { count: f.doubts.count, unresolved: f.doubts.unresolved }) },
    {
      type: 'table',
      columns: [col('colAt', 1.4), col('colOrderNo', 1.5), col('colText', 4), col('colState', 1, 'center'), col('colClosedAt', 1.4)],
      rows: f.doubts.items.map((d) => [
        formatMonthDayTime(d.at),
        d.orderNo ?? '',
        d.text,
        state(d.state),
        formatMonthDayTime(d.closedAt),
      ]),
      emptyText: none,
    },
    { type: 'heading', text: t('reports.monthly.incidentsHeading') },
    { type: 'paragraph', text: t('terminal.report.incidentsSummary', { count: f.incidents.count, terminal: f.incidents.terminal, unresolved: f.incidents.unresolved }) },
    {
      type: 'table',
      columns: [col('colAt', 1.4), col('colText', 5.5), col('colState', 1, 'center'), col('colClosedAt', 1.4)],
      rows: f.incidents.items.map((i) => [formatMonthDayTime(i.at), incidentReportText(i), state(i.state), formatMonthDayTime(i.closedAt)]),
      emptyText: none,
    },
    ...complaintBlocks(f),
  ];
}

function complaintBlocks(f: MonthlyFigures): Block[] {
  const c = f.complaints;
  return [
    { type: 'heading', text: t('reports.monthly.complaintsHeading') },
    {
      type: 'paragraph',
      text: t('reports.monthly.complaintsSummary', { count: c.count, afterHours: c.afterHours, unresolved: c.unresolved }),
    },
    {
      type: 'table',
      columns: [
        col('colAt', 1.4),
        col('colKind', 1.1, 'center'),
        col('colText', 3),
        col('colAfterHours', 0.8, 'center'),
        col('colPages', 0.6, 'right'),
        col('colAcknowledgedAt', 1.4),
        col('colState', 0.9, 'center'),
        col('colClosedAt', 1.4),
      ],
      rows: c.items.map((i) => [
        formatMonthDayTime(i.at),
        labelOr('reports.complaintKind', i.kind, hasTemplate),
        i.text,
        i.afterHours ? t('reports.common.yes') : '',
        formatCount(i.pageCount),
        formatMonthDayTime(i.acknowledgedAt),
        state(i.state),
        formatMonthDayTime(i.closedAt),
      ]),
      emptyText: t('reports.common.none'),
    },
  ];
}

export function expenseBlocks(f: MonthlyFigures): Block[] {
  const rows = [
    [t('reports.monthly.parking', { count: formatCount(f.parking.count) }), '', t('reports.common.yen', { amount: formatCount(f.parking.totalYen) })],
    ...f.consumables.map((c) => [labelOr('reports.consumable', c.item, hasTemplate), formatCount(c.quantity), '']),
  ];
  return [
    { type: 'heading', text: t('reports.monthly.expensesHeading') },
    {
      type: 'table',
      columns: [col('colExpense', 3), col('colQuantity', 1, 'right'), col('colAmount', 1.4, 'right')],
      rows,
    },
  ];
}
