import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

import { refreshIncidentCards, type IncidentDeps } from './incident-delivery.ts';
import { acknowledgeIncident as acknowledge, type IncidentRefusal } from '../../domain/incidents/incident.ts';
import { incidentPrefix, missingAcks, type IncidentPatch, type IncidentRecord } from './incident-record.ts';
import { appliedBy, sourceOf, type CaseChange } from '../cases/ports.ts';

/** A transition refused by the incident's lifecycle, worded for the person who tried it. */
export function refusalError(incident: IncidentRecord, refusal: IncidentRefusal): AppError {
  if (refusal.reason === 'notNotified') return new AppError(ErrorCode.Forbidden, t('escalation.incident.notNotified', { id: incident.id }));
  if (refusal.reason === 'alreadyAcknowledged') return new AppError(ErrorCode.Conflict, t('escalation.incident.alreadyAcknowledged', { id: incident.id, time: tokyoHhmm(refusal.at) }));
  return new AppError(ErrorCode.Conflict, t('escalation.incident.alreadyResolved', { id: incident.id }));
}

function decideAck(actor: PersonActor, now: Date, eventId: number | undefined) {
  return (incident: IncidentRecord): CaseChange<IncidentPatch, void> => {
    if (appliedBy(incident, eventId)) return { result: undefined }; // this very press acknowledged it before a crash
    const step = acknowledge(incident, actor.actorId, now);
    if (!step.ok) throw refusalError(incident, step.refusal);
    const notifiedAt = incident.acks.find((a) => a.personId === actor.actorId)!.notifiedAt;
    return {
      patch: step.change,
      effects: {
        events: [{ action: 'acknowledged', actorId: actor.actorId, detail: { notifiedAt: notifiedAt.toISOString() } }],
        audit: { action: 'incident.acknowledge', actorId: actor.actorId, channel: actor.channel, after: { acknowledgedAt: now } },
        cancelPrefixes: step.last ? [incidentPrefix(incident.id)] : [],
        ...sourceOf(eventId),
      },
      result: undefined,
    };
  };
}

/**
 * 受領 of one notified person: the time is kept, every card shows it in place; the last one stops the reminders. The
 * replay of the press (`eventId`) changes nothing and answers as the first time.
 */
export async function acknowledgeIncident(deps: IncidentDeps, actor: PersonActor, incidentId: number, eventId?: number): Promise<string> {
  const out = await deps.incidents.change(incidentId, deps.clock.now(), decideAck(actor, deps.clock.now(), eventId));
  if (!out) throw new AppError(ErrorCode.NotFound, t('escalation.incident.notFound', { id: incidentId }));
  deps.logger.info('incident acknowledged', { incidentId, actorId: actor.actorId, missing: missingAcks(out.record).length });
  await refreshIncidentCards(deps, out.record);
  return t('escalation.incident.acknowledged', { id: incidentId });
}
