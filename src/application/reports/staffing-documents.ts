import type { Block, ReportDocument, ReportSection } from '../../domain/reports/report-document.ts';
import { t, templateText } from '../../templates.ts';
import { contractorBlock, contractorFields } from './contractor-block.ts';
import type { StaffingView } from './staffing-view.ts';

/** The three roster documents of a date, one page each (a long roster continues on the next page). */
export function staffingDocument(view: StaffingView, hours: { start: string; end: string }): ReportDocument {
  return {
    title: t('reports.staffing.documentTitle', { date: view.dateLabel }),
    author: view.header.contractorName,
    sections: [appointmentSection(view), rosterSection(view), afterHoursSection(view, hours)],
  };
}

function letterHead(view: StaffingView): Block[] {
  return [
    { type: 'paragraph', text: `${t('reports.header.submittedLabel')}　${view.submittedLabel}`, align: 'right' },
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: view.header.addressee, size: 12 },
    ...contractorBlock(view.header),
    { type: 'spacer', height: 18 },
  ];
}

/** 業務名, the contractor and 対象日: on the 届 (its sender block already carries 代表者) only 受注者, on the roster pages 受注者 and 代表者. */
function fields(view: StaffingView, attachment = true): Block {
  const contractor = contractorFields(view.header);
  return {
    type: 'fields',
    align: 'left',
    rows: [
      { label: t('reports.header.contractLabel'), value: view.header.contractName },
      ...(attachment ? contractor : contractor.slice(0, 1)),
      { label: t('reports.header.dateLabel'), value: view.dateLabel },
    ],
  };
}

const column = (key: string, weight: number, align: 'left' | 'center' | 'right' = 'left') => ({
  label: templateText(`reports.staffing.${key}`),
  weight,
  align,
});

function appointmentSection(view: StaffingView): ReportSection {
  const blocks: Block[] = [
    ...letterHead(view),
    { type: 'title', text: t('reports.staffing.appointmentTitle') },
    { type: 'paragraph', text: t('reports.staffing.appointmentBody', { contract: view.header.contractName, date: view.dateLabel }) },
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: t('reports.result.record'), align: 'center' },
    fields(view, false),
    { type: 'spacer', height: 6 },
    {
      type: 'table',
      columns: [column('colRole', 1.2, 'center'), column('colName', 2), column('colPhone', 2)],
      rows: view.supervisors.map((s) => [t('reports.staffing.supervisorRole'), s.name, s.phone]),
      emptyText: view.source === 'closed' ? t('reports.staffing.closedDay') : t('reports.staffing.noSupervisor'),
    },
  ];
  return { orientation: 'portrait', pageNumbers: false, blocks };
}

function rosterSection(view: StaffingView): ReportSection {
  const supervisors = view.workers.filter((w) => w.isSupervisor).length;
  const blocks: Block[] = [
    { type: 'title', text: t('reports.staffing.rosterTitle') },
    fields(view),
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: t('reports.staffing.rosterCount', { count: view.workers.length, supervisors }) },
    { type: 'spacer', height: 4 },
    {
      type: 'table',
      columns: [column('colNo', 0.6, 'right'), column('colName', 2.4), column('colSupervisor', 1.2, 'center'), column('colIdCard', 1.8)],
      rows: view.workers.map((w, i) => [String(i + 1), w.name, w.isSupervisor ? t('reports.common.yes') : '', w.idCardNumber]),
      emptyText: view.source === 'closed' ? t('reports.staffing.closedDay') : t('reports.staffing.noStaff'),
    },
  ];
  return { orientation: 'portrait', pageNumbers: true, runningHeader: `${t('reports.staffing.rosterTitle')}　${view.dateLabel}`, blocks };
}

function afterHoursSection(view: StaffingView, hours: { start: string; end: string }): ReportSection {
  const blocks: Block[] = [
    { type: 'title', text: t('reports.staffing.afterHoursTitle') },
    fields(view),
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: t('reports.staffing.afterHoursBody', { start: hours.start, end: hours.end, date: view.dateLabel }) },
    { type: 'spacer', height: 4 },
    {
      type: 'table',
      columns: [column('colOrder', 0.9, 'center'), column('colName', 2), column('colPhone', 2), column('colNote', 2)],
      rows: view.afterHours.map((a) => [
        String(a.position),
        a.name,
        a.phone,
        [a.replaced ? t('reports.staffing.overrideNote') : '', a.note].filter(Boolean).join('　'),
      ]),
      emptyText: t('reports.staffing.noRoster'),
    },
  ];
  return { orientation: 'portrait', pageNumbers: true, runningHeader: `${t('reports.staffing.afterHoursTitle')}　${view.dateLabel}`, blocks };
}
