import type { Block, ReportDocument } from '../../domain/reports/report-document.ts';
import { t } from '../../templates.ts';
import type { ReportHeader } from '../reports/report-header.ts';
import { annexLetterhead, column, eraDateOr } from './annex-letterhead.ts';
import { CHART_ROLES, chartRolesOf, roleLabel, type ChartRole } from './annex-roles.ts';
import type { AnnexPerson } from './ports.ts';

/** The active contractor people (and bureau security officers) under each chart role, by id. */
export function peopleByRole(people: AnnexPerson[]): Map<ChartRole, AnnexPerson[]> {
  const byRole = new Map<ChartRole, AnnexPerson[]>(CHART_ROLES.map((r) => [r, []]));
  for (const p of people.filter((x) => x.active)) for (const role of chartRolesOf(p)) byRole.get(role)!.push(p);
  return byRole;
}

const periodOf = (p: AnnexPerson) =>
  p.from || p.until ? t('annex.officers.period', { from: eraDateOr(p.from), until: eraDateOr(p.until) }) : t('annex.officers.always');

function listTable(byRole: Map<ChartRole, AnnexPerson[]>): Block {
  const rows = CHART_ROLES.flatMap((role) => byRole.get(role)!.map((p) => [roleLabel(role), p.name, p.title ?? '', p.phone ?? '', periodOf(p)]));
  return {
    type: 'table',
    columns: [
      column(t('annex.officers.colRole'), 1.3, 'center'),
      column(t('annex.officers.colName'), 1.8),
      column(t('annex.officers.colTitle'), 1.5),
      column(t('annex.officers.colPhone'), 1.6),
      column(t('annex.officers.colPeriod'), 2.2),
    ],
    rows,
    emptyText: t('annex.officers.noOfficer'),
  };
}

/** The chart: one line per level, names joined, arrows between (instructions down, reports up). */
function chartBlocks(byRole: Map<ChartRole, AnnexPerson[]>): Block[] {
  const levels = CHART_ROLES.map((role) => {
    const names = byRole.get(role)!.map((p) => p.name);
    return t('annex.officers.chartLevel', { role: roleLabel(role), names: names.length > 0 ? names.join('、') : t('annex.notSet') });
  });
  const chart = levels.flatMap((line, i) => (i === 0 ? [line] : [t('annex.officers.chartArrow'), line]));
  return [
    { type: 'title', text: t('annex.officers.chartTitle') },
    { type: 'paragraph', text: t('annex.officers.chartLead') },
    { type: 'spacer', height: 8 },
    { type: 'paragraph', text: chart.join('\n'), align: 'center', size: 12 },
    { type: 'spacer', height: 12 },
    { type: 'heading', text: t('annex.officers.chartTableTitle') },
    {
      type: 'table',
      columns: [column(t('annex.officers.colRole'), 1.3, 'center'), column(t('annex.officers.colDuty'), 4), column(t('annex.officers.colName'), 2.5)],
      rows: CHART_ROLES.map((role) => [roleLabel(role), t(`annex.officers.duty.${role}`), byRole.get(role)!.map((p) => p.name).join('、') || t('annex.notSet')]),
    },
  ];
}

/** 第3条: 管理責任者及び従事者選任届 (the list) and the responsibility chart with its table: two documents, each numbered. */
export function securityOfficersDocument(people: AnnexPerson[], header: ReportHeader, now: Date): ReportDocument {
  const byRole = peopleByRole(people);
  const list: Block[] = [
    ...annexLetterhead(header, now, t('annex.officers.title'), t('annex.officers.body', { contract: header.contractName })),
    ...(byRole.get('securityOfficer')!.length === 0 ? [{ type: 'paragraph', text: t('annex.officers.noOfficer'), bold: true } as Block] : []),
    listTable(byRole),
  ];
  return {
    title: t('annex.officers.documentTitle'),
    author: header.contractorName,
    sections: [
      { orientation: 'portrait', pageNumbers: true, runningHeader: t('annex.officers.title'), blocks: list },
      { orientation: 'portrait', pageNumbers: true, runningHeader: t('annex.officers.chartTitle'), blocks: chartBlocks(byRole) },
    ],
  };
}
