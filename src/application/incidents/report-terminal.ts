import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import type { TerminalText } from '../../domain/incidents/terminal-text.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import { reached } from '../chat/delivery.ts';
import { bureauContacts } from '../cases/bureau-contacts.ts';
import { deliverCase, uniq } from '../cases/case-delivery.ts';
import { nameLookup } from '../cases/case-text.ts';
import { openCaseOnce } from '../cases/open-case.ts';
import { sourceOf, type CaseChange, type NewAttachment } from '../cases/ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';
import { refreshIncidentCards, type IncidentDeps } from './incident-delivery.ts';
import { INCIDENT_REMIND, incidentRemindKey, type IncidentPatch, type IncidentRecord } from './incident-record.ts';
import { incidentRecipients } from './report-incident.ts';
import { bureauText, lossText, missingFactsText } from './terminal-wording.ts';

export interface ReportTerminalInput {
  actor: PersonActor;
  read: TerminalText;
  orderNo: string | null;
  attachments?: NewAttachment[];
  /** The inbound chat event reporting it: its replay reports nothing again. */
  eventId?: number;
}

function startChange(incident: IncidentRecord, actor: PersonActor, remindMinutes: number, now: Date, eventId?: number): CaseChange<IncidentPatch, void> {
  const recipients = incident.acks.map((a) => a.personId);
  const everyMs = remindMinutes * 60_000;
  const remind = timerSpec(INCIDENT_REMIND, new Date(now.getTime() + everyMs), { incidentId: incident.id, round: 1, everyMs }, incidentRemindKey(incident.id, 1));
  return {
    effects: {
      events: [
        { action: 'reported', actorId: actor.actorId, detail: { kind: incident.kind, ...incident.terminalFacts, photos: incident.attachmentCount } },
        { action: 'levelStarted', actorId: null, detail: { recipients } },
      ],
      audit: { action: 'incident.terminalReport', actorId: actor.actorId, channel: actor.channel, after: { id: incident.id, kind: incident.kind, recipients } },
      schedule: recipients.length > 0 ? [remind] : [],
      ...sourceOf(eventId),
    },
    result: undefined,
  };
}

/** The incident chart's every level and the bureau's contacts, notified together. */
async function terminalRecipients(deps: IncidentDeps, reporter: string, now: Date) {
  const [chart, bureau] = await Promise.all([incidentRecipients(deps, reporter, now), bureauContacts(deps.directory)]);
  return { recipients: uniq([...bureau, ...chart.recipients]).filter((id) => id !== reporter), remindMinutes: chart.remindMinutes };
}

async function createTerminalCase(deps: IncidentDeps, input: ReportTerminalInput): Promise<IncidentRecord> {
  const now = deps.clock.now();
  const { recipients, remindMinutes } = await terminalRecipients(deps, input.actor.actorId, now);
  const { read } = input;
  const incident = await deps.incidents.create(
    {
      reportedById: input.actor.actorId,
      orderNo: input.orderNo,
      description: read.description,
      place: null,
      thirdPartyDamage: null,
      occurredAt: now,
      recipients,
      attachments: input.attachments ?? [],
      sourceEventId: input.eventId ?? null,
      kind: read.loss,
      terminalFacts: { terminal: read.terminal, customerData: read.customerData, locked: read.locked },
    },
    (created) => startChange(created, input.actor, remindMinutes, now, input.eventId),
  );
  deps.logger.warn('work terminal reported damaged or lost', { incidentId: incident.id, kind: read.loss, notified: recipients.length });
  return incident;
}

/** The bureau channel's message (key incident:<id>:bureau), on every platform that has one. */
async function tellBureauChannel(deps: IncidentDeps, incident: IncidentRecord, reporter: string): Promise<void> {
  const view = plainView(bureauText(incident, reporter, incident.description), `incident:${incident.id}:bureau`);
  const report = await deps.gateway.send({ channel: 'bureau' }, view);
  if (!reached(report)) deps.logger.warn('terminal case not delivered to the bureau channel', { incidentId: incident.id });
}

/** For a lost terminal: today's supervisors are told how to produce the art. 23 report. */
async function tellSupervisorsHowTo(deps: IncidentDeps, incident: IncidentRecord): Promise<void> {
  if (incident.kind !== 'terminalLost') return;
  const supervisors = await deps.directory.supervisorsOn(tokyoDate(incident.occurredAt));
  const view = plainView(t('terminal.supervisorHowTo', { id: incident.id }), `incident:${incident.id}:art23`);
  await deliverCase(deps, 'incident', incident.id, supervisors.map((personId) => ({ personId, view })));
}

async function announceTerminal(deps: IncidentDeps, incident: IncidentRecord): Promise<string> {
  const reporter = nameLookup(await deps.directory.people())(incident.reportedById);
  // In a fixed order: a replayed event's sends get the same delivery keys (the outbox drops those delivered).
  await tellBureauChannel(deps, incident, reporter);
  await refreshIncidentCards(deps, incident);
  await tellSupervisorsHowTo(deps, incident);
  const count = incident.acks.length;
  const loss = lossText(incident);
  const answer = count === 0 ? t('terminal.reportedNobody', { loss, id: incident.id }) : t('terminal.reported', { loss, id: incident.id, count });
  const missing = missingFactsText(incident);
  return missing ? `${answer}\n${missing}` : answer;
}

/**
 * 作業用端末の破損・紛失 (spec 6(3)): reported to the bureau at once — the bureau channel and the bureau's contacts
 * together with every level of the incident chart, not after anyone's timeout. Acknowledged, reminded and resolved
 * as an incident; the replay of the reporting event reports nothing again and sends only what was not delivered.
 */
export async function reportTerminal(deps: IncidentDeps, input: ReportTerminalInput): Promise<string> {
  const open = () => createTerminalCase(deps, input);
  return openCaseOnce({ cases: deps.incidents, logger: deps.logger, kind: 'terminal', eventId: input.eventId, open, announce: (incident) => announceTerminal(deps, incident) });
}
