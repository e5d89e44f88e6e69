import { formatEraDate } from '../../domain/reports/japanese-era.ts';
import { tokyoDate, tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import type { TerminalText } from '../../domain/incidents/terminal-text.ts';
import type { IncidentRecord, TerminalFacts } from './incident-record.ts';

/** The wording of a terminal case (作業用端末の破損・紛失): its cards, the bureau channel's message, the answers. */
const NO_FACTS: TerminalFacts = { terminal: null, customerData: null, locked: null };
export const factsOf = (incident: IncidentRecord): TerminalFacts => incident.terminalFacts ?? NO_FACTS;

export const lossText = (incident: IncidentRecord) => t(incident.kind === 'terminalLost' ? 'terminal.loss.terminalLost' : 'terminal.loss.terminalDamaged');
export const terminalKindText = (facts: TerminalFacts) => t(facts.terminal === 'billing' ? 'terminal.kind.billing' : facts.terminal === 'mobile' ? 'terminal.kind.mobile' : 'terminal.kind.unknown');
const yesNo = (value: boolean | null) => t(value === null ? 'terminal.unknown' : value ? 'terminal.yes' : 'terminal.no');
const lockedText = (value: boolean | null) => t(value === null ? 'terminal.unknown' : value ? 'terminal.lockedYes' : 'terminal.lockedNo');

/** 令和 date and time of an instant, as the bureau reads it. */
export const reportedAtText = (at: Date) => `${formatEraDate(tokyoDate(at))} ${tokyoHhmm(at)}`;

export function terminalHeader(incident: IncidentRecord, state: string): string {
  return t('terminal.header', { loss: lossText(incident), id: incident.id, state });
}

export function terminalFields(incident: IncidentRecord): { label: string; value: string }[] {
  const facts = factsOf(incident);
  return [
    { label: t('terminal.field.terminal'), value: terminalKindText(facts) },
    { label: t('terminal.field.loss'), value: lossText(incident) },
    { label: t('terminal.field.reportedAt'), value: reportedAtText(incident.occurredAt) },
    { label: t('terminal.field.customerData'), value: yesNo(facts.customerData) },
    { label: t('terminal.field.locked'), value: lockedText(facts.locked) },
  ];
}

/** The bureau channel's message: every fact the record has, and the art. 23 note for a lost terminal. */
export function bureauText(incident: IncidentRecord, reporter: string, text: string): string {
  const facts = factsOf(incident);
  const body = t('terminal.bureau', {
    loss: lossText(incident),
    id: incident.id,
    terminal: terminalKindText(facts),
    time: reportedAtText(incident.occurredAt),
    reporter,
    customerData: yesNo(facts.customerData),
    locked: lockedText(facts.locked),
    text,
  });
  return incident.kind === 'terminalLost' ? `${body}\n${t('terminal.bureauLeak')}` : body;
}

/** What the worker has not said yet, worded as a request. */
export function missingFactsText(incident: IncidentRecord): string | null {
  const facts = factsOf(incident);
  const missing = [
    ...(facts.terminal === null ? [t('terminal.missingFact.terminal')] : []),
    ...(incident.place ? [] : [t('terminal.missingFact.place')]),
    ...(facts.customerData === null ? [t('terminal.missingFact.customerData')] : []),
    ...(facts.locked === null ? [t('terminal.missingFact.locked')] : []),
  ];
  return missing.length === 0 ? null : t('terminal.missing', { facts: missing.join('、') });
}

/**
 * A report line's text (日報・月報の事故等): a terminal case is labelled 【作業用端末 紛失 (モバイル端末)】 before what
 * the worker wrote; an accident's text stands as it is.
 */
export function incidentReportText(line: { kind: string; terminal: string | null; text: string }): string {
  if (line.kind !== 'terminalDamaged' && line.kind !== 'terminalLost') return line.text;
  const loss = t(`terminal.loss.${line.kind}`);
  const terminal = line.terminal === 'billing' || line.terminal === 'mobile' ? t(`terminal.kind.${line.terminal}`) : null;
  const label = terminal ? t('terminal.reportLabelWith', { loss, terminal }) : t('terminal.reportLabel', { loss });
  return `${label}${line.text}`;
}

/** How the chat reads a terminal text (`kaiheisen parse`): one line per thing it would record. */
export function terminalReadingLines(read: TerminalText): string[] {
  const facts: TerminalFacts = { terminal: read.terminal, customerData: read.customerData, locked: read.locked };
  return [
    t('terminal.parse.intent'),
    `${t('terminal.field.loss')}: ${t(`terminal.loss.${read.loss}`)}`,
    `${t('terminal.field.terminal')}: ${terminalKindText(facts)}`,
    `${t('terminal.field.customerData')}: ${yesNo(read.customerData)}`,
    `${t('terminal.field.locked')}: ${lockedText(read.locked)}`,
  ];
}
