import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { hhmm } from './case-text.ts';
import { refreshIncidentCards, type IncidentDeps } from './incident-delivery.ts';
import { incidentPrefix, missingAcks, type IncidentPatch, type IncidentRecord } from './incident-record.ts';
import { appliedBy, sourceOf, type CaseActor, type CaseChange } from './ports.ts';

function decideAck(actor: CaseActor, now: Date, eventId: number | undefined) {
  return (incident: IncidentRecord): CaseChange<IncidentPatch, void> => {
    if (appliedBy(incident, eventId)) return { result: undefined }; // this very press acknowledged it before a crash
    const mine = incident.acks.find((a) => a.personId === actor.personId);
    if (!mine) throw new AppError(ErrorCode.Forbidden, t('escalation.incident.notNotified', { id: incident.id }));
    if (mine.acknowledgedAt) {
      throw new AppError(ErrorCode.Conflict, t('escalation.incident.alreadyAcknowledged', { id: incident.id, time: hhmm(mine.acknowledgedAt) }));
    }
    const last = missingAcks(incident).length === 1;
    return {
      patch: { acknowledge: { personId: actor.personId, at: now } },
      effects: {
        events: [{ action: 'acknowledged', actorId: actor.personId, detail: { notifiedAt: mine.notifiedAt.toISOString() } }],
        audit: { action: 'incident.acknowledge', actorId: actor.personId, channel: actor.channel, after: { acknowledgedAt: now } },
        cancelPrefixes: last ? [incidentPrefix(incident.id)] : [],
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
export async function acknowledgeIncident(deps: IncidentDeps, actor: CaseActor, incidentId: number, eventId?: number): Promise<string> {
  const out = await deps.incidents.change(incidentId, deps.clock.now(), decideAck(actor, deps.clock.now(), eventId));
  if (!out) throw new AppError(ErrorCode.NotFound, t('escalation.incident.notFound', { id: incidentId }));
  deps.logger.info('incident acknowledged', { incidentId, actorId: actor.personId, missing: missingAcks(out.record).length });
  await refreshIncidentCards(deps, out.record);
  return t('escalation.incident.acknowledged', { id: incidentId });
}
