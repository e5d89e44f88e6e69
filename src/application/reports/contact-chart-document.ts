import type { Block, ReportDocument } from '../../domain/reports/report-document.ts';
import { t, templateText } from '../../templates.ts';
import type { ChartLevelView, ContactChartView, RosterRangeView } from './contact-chart-view.ts';
import { contractorFields } from './contractor-block.ts';

const column = (key: string, weight: number, align: 'left' | 'center' | 'right' = 'left') => ({
  label: templateText(`bureauDocs.contactChart.${key}`),
  weight,
  align,
});

/**
 * 連絡系統図 read as a chart: per chart, one box per level from top to bottom (its heading and the people reached
 * there), an arrow with the minutes without an answer between them; then the after-hours roster and the bureau's channel.
 */
export function contactChartDocument(view: ContactChartView): ReportDocument {
  const blocks: Block[] = [
    { type: 'paragraph', text: `${t('reports.header.submittedLabel')}　${view.submittedLabel}`, align: 'right' },
    { type: 'paragraph', text: view.header.addressee, size: 12 },
    { type: 'title', text: t('bureauDocs.contactChart.title') },
    {
      type: 'fields',
      align: 'left',
      rows: [
        { label: t('reports.header.contractLabel'), value: view.header.contractName },
        ...contractorFields(view.header),
        { label: t('bureauDocs.contactChart.validLabel'), value: view.dateLabel },
      ],
    },
    { type: 'spacer', height: 4 },
    { type: 'paragraph', text: t('bureauDocs.contactChart.intro') },
    ...view.charts.flatMap((chart) => [
      { type: 'heading', text: templateText(`bureauDocs.contactChart.chart.${chart.name}`) } as Block,
      ...chart.levels.flatMap((level, i) => levelBlocks(level, i === chart.levels.length - 1)),
    ]),
    { type: 'heading', text: t('bureauDocs.contactChart.afterHoursHeading') },
    ...(view.roster.length === 0 ? [{ type: 'paragraph', text: t('bureauDocs.contactChart.noRoster') } as Block] : view.roster.flatMap(rosterBlocks)),
    { type: 'heading', text: t('bureauDocs.contactChart.channelHeading') },
    { type: 'paragraph', text: view.bureauChannels.length > 0 ? view.bureauChannels.join('\n') : t('bureauDocs.contactChart.noChannel') },
  ];
  return {
    title: t('bureauDocs.contactChart.documentTitle', { date: view.dateLabel }),
    author: view.header.contractorName,
    sections: [{ orientation: 'portrait', pageNumbers: true, runningHeader: t('bureauDocs.contactChart.runningHeader', { date: view.dateLabel }), blocks }],
  };
}

function levelBlocks(level: ChartLevelView, last: boolean): Block[] {
  return [
    { type: 'paragraph', text: level.heading, bold: true },
    {
      type: 'table',
      columns: [column('colRole', 1.6), column('colName', 1.6), column('colTitle', 1.6), column('colPhone', 1.4)],
      rows: level.people.map((p) => [p.role, p.name, p.title, p.phone]),
      emptyText: level.emptyText,
    },
    {
      type: 'paragraph',
      text: last ? t('bureauDocs.contactChart.last', { minutes: level.ackTimeoutMinutes }) : t('bureauDocs.contactChart.arrow', { minutes: level.ackTimeoutMinutes }),
      align: 'center',
      size: last ? 8 : 11,
    },
  ];
}

function rosterBlocks(range: RosterRangeView): Block[] {
  return [
    { type: 'paragraph', text: range.label, bold: range.current },
    {
      type: 'table',
      columns: [column('colOrder', 0.6, 'center'), column('colName', 2), column('colPhone', 2)],
      rows: range.people.map((p) => [String(p.position), p.name, p.phone]),
    },
    { type: 'spacer', height: 4 },
  ];
}
