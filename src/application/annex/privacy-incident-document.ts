import type { Block, ReportDocument } from '../../domain/reports/report-document.ts';
import { t } from '../../templates.ts';
import type { IncidentRecord } from '../incidents/incident-record.ts';
import { isTerminalCase } from '../incidents/incident-record.ts';
import type { ReportHeader } from '../reports/report-header.ts';
import { factsOf, reportedAtText, terminalKindText } from '../incidents/terminal-wording.ts';
import { annexLetterhead } from './annex-letterhead.ts';

/** What the record cannot know, given on the command line; absent values are printed as blanks to fill by hand. */
export interface PrivacyIncidentFacts {
  records?: number;
  content?: string;
}

type NameOf = (personId: string | null) => string;

const yesNo = (value: boolean | null) => t(value === null ? 'terminal.unknown' : value ? 'terminal.yes' : 'terminal.no');
const lockedText = (value: boolean | null) => t(value === null ? 'terminal.unknown' : value ? 'terminal.lockedYes' : 'terminal.lockedNo');

function situation(incident: IncidentRecord): string {
  const lines = [incident.description];
  if (isTerminalCase(incident)) {
    const facts = factsOf(incident);
    lines.push(t('annex.privacy.terminalFacts', { terminal: terminalKindText(facts), customerData: yesNo(facts.customerData), locked: lockedText(facts.locked) }));
  }
  return lines.join('\n');
}

function response(incident: IncidentRecord, nameOf: NameOf): string {
  const acked = incident.acks.filter((a) => a.acknowledgedAt).length;
  const lines = [t('annex.privacy.acked', { notified: incident.acks.length, acked })];
  if (incident.resolvedAt && incident.resolution) {
    lines.push(t('annex.privacy.resolved', { time: `${reportedAtText(incident.resolvedAt)} ${nameOf(incident.resolvedById)}`, text: incident.resolution }));
  } else lines.push(t('annex.privacy.open'));
  return lines.join('\n');
}

/** Each row of the report: its label and value, null where the record does not know it (a blank). */
export function privacyIncidentRows(incident: IncidentRecord, facts: PrivacyIncidentFacts, nameOf: NameOf): { label: string; value: string | null }[] {
  return [
    { label: t('annex.privacy.caseNo'), value: t('annex.privacy.caseLabel', { kind: t(`annex.privacy.kind.${incident.kind ?? 'accident'}`), id: incident.id }) },
    { label: t('annex.privacy.occurredAt'), value: reportedAtText(incident.occurredAt) },
    { label: t('annex.privacy.reporter'), value: nameOf(incident.reportedById) },
    { label: t('annex.privacy.place'), value: incident.place },
    { label: t('annex.privacy.situation'), value: situation(incident) },
    { label: t('annex.privacy.content'), value: facts.content?.trim() || null },
    { label: t('annex.privacy.records'), value: facts.records === undefined ? null : t('annex.privacy.recordsValue', { count: facts.records }) },
    { label: t('annex.privacy.response'), value: response(incident, nameOf) },
  ];
}

/** 第23条: 個人情報漏えい等事故報告書 from an incident or terminal case; blanks stay blank, marked, never invented. */
export function privacyIncidentDocument(rows: { label: string; value: string | null }[], header: ReportHeader, now: Date): ReportDocument {
  const blocks: Block[] = [
    ...annexLetterhead(header, now, t('annex.privacy.title'), t('annex.privacy.body', { contract: header.contractName })),
    {
      type: 'table',
      columns: [{ label: t('annex.privacy.colItem'), weight: 1.6, align: 'left' }, { label: t('annex.privacy.colValue'), weight: 5, align: 'left' }],
      rows: rows.map((r) => [r.label, r.value ?? t('annex.blank')]),
    },
  ];
  if (rows.some((r) => r.value === null)) blocks.push({ type: 'spacer', height: 8 }, { type: 'paragraph', text: t('annex.blankNote') });
  return {
    title: t('annex.privacy.documentTitle'),
    author: header.contractorName,
    sections: [{ orientation: 'portrait', pageNumbers: true, runningHeader: t('annex.privacy.title'), blocks }],
  };
}
