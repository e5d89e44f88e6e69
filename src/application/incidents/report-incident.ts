import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { snapshotChain } from '../../domain/escalation/chain.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { uniq } from '../cases/case-delivery.ts';
import { refreshIncidentCards, type IncidentDeps } from './incident-delivery.ts';
import { INCIDENT_REMIND, incidentRemindKey, type IncidentPatch, type IncidentRecord } from './incident-record.ts';
import { sourceOf, type CaseChange, type NewAttachment } from '../cases/ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';
import { openCaseOnce } from '../cases/open-case.ts';

export interface ReportIncidentInput {
  actor: PersonActor;
  description: string;
  place: string | null;
  thirdPartyDamage: boolean | null;
  orderNo: string | null;
  attachments?: NewAttachment[];
  /** The inbound chat event reporting it: its replay (a crash before it was marked done) reports nothing again. */
  eventId?: number;
}

const DEFAULT_REMIND_MINUTES = 10;

/** Everyone on the incident chart (the doubt chart when no incident chart was loaded), resolved for today. */
export async function incidentRecipients(deps: IncidentDeps, reporter: string, now: Date): Promise<{ recipients: string[]; remindMinutes: number }> {
  const [people, incidentChart, doubtChart, supervisors] = await Promise.all([
    deps.directory.people(),
    deps.directory.chart('incident'),
    deps.directory.chart('doubt'),
    deps.directory.supervisorsOn(tokyoDate(now)),
  ]);
  const chart = incidentChart.length > 0 ? incidentChart : doubtChart;
  const snapshot = snapshotChain(chart, supervisors, (id) => people.get(id)?.active === true, reporter);
  const shortest = Math.min(...snapshot.steps.map((s) => s.ackTimeoutMinutes));
  return {
    recipients: uniq(snapshot.steps.flatMap((s) => s.recipients)),
    remindMinutes: deps.incidentRemindMinutes ?? (Number.isFinite(shortest) ? shortest : DEFAULT_REMIND_MINUTES),
  };
}

function startChange(incident: IncidentRecord, actor: PersonActor, remindMinutes: number, now: Date, eventId?: number): CaseChange<IncidentPatch, void> {
  const recipients = incident.acks.map((a) => a.personId);
  const remind = timerSpec(INCIDENT_REMIND, new Date(now.getTime() + remindMinutes * 60_000), { incidentId: incident.id, round: 1, everyMs: remindMinutes * 60_000 }, incidentRemindKey(incident.id, 1));
  return {
    effects: {
      events: [
        { action: 'reported', actorId: actor.actorId, detail: { orderNo: incident.orderNo, thirdPartyDamage: incident.thirdPartyDamage, photos: incident.attachmentCount } },
        { action: 'levelStarted', actorId: null, detail: { recipients } },
      ],
      audit: { action: 'incident.report', actorId: actor.actorId, channel: actor.channel, after: { id: incident.id, recipients } },
      schedule: recipients.length > 0 ? [remind] : [],
      ...sourceOf(eventId),
    },
    result: undefined,
  };
}


/**
 * 事故等 (spec 13(1)(2)): every level of the contact chart is notified at once (an IncidentAck row each with the
 * time), each acknowledges with one button, and those who have not are reminded on a durable timer. The replay of
 * the event that reported it reports nothing and starts no timer: the cards go out again (the outbox drops those
 * delivered already) and the reporter gets the same answer.
 */
export async function reportIncident(deps: IncidentDeps, input: ReportIncidentInput): Promise<string> {
  const open = () => createIncident(deps, input);
  return openCaseOnce({ cases: deps.incidents, logger: deps.logger, kind: 'incident', eventId: input.eventId, open, announce: (incident) => announceIncident(deps, incident) });
}

async function createIncident(deps: IncidentDeps, input: ReportIncidentInput): Promise<IncidentRecord> {
  const description = input.description.trim();
  if (!description) throw new AppError(ErrorCode.InvalidInput, t('escalation.incident.textRequired'));
  const now = deps.clock.now();
  const { recipients, remindMinutes } = await incidentRecipients(deps, input.actor.actorId, now);
  const { actor: _actor, eventId, ...fields } = input;
  const incident = await deps.incidents.create(
    { ...fields, description, reportedById: input.actor.actorId, occurredAt: now, recipients, attachments: input.attachments ?? [], sourceEventId: eventId ?? null },
    (created) => startChange(created, input.actor, remindMinutes, now, eventId),
  );
  if (recipients.length === 0) deps.logger.error('incident reported but the contact chart reaches nobody', { incidentId: incident.id });
  else deps.logger.warn('incident reported', { incidentId: incident.id, notified: recipients.length, thirdPartyDamage: input.thirdPartyDamage ?? 'unknown' });
  return incident;
}

/** Every card of the incident (the notified people's and the reporter's), then the reporter's answer. */
async function announceIncident(deps: IncidentDeps, incident: IncidentRecord): Promise<string> {
  await refreshIncidentCards(deps, incident);
  const count = incident.acks.length;
  return count === 0 ? t('escalation.incident.reportedNobody', { id: incident.id }) : t('escalation.incident.reported', { id: incident.id, count });
}
