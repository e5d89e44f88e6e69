import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import { deliverCase, uniq } from '../cases/case-delivery.ts';
import { nameLookup } from '../cases/case-text.ts';
import { refreshIncidentCards, type IncidentDeps } from './incident-delivery.ts';
import { resolveIncident as resolve } from '../../domain/incidents/incident.ts';
import { refusalError } from './acknowledge-incident.ts';
import { incidentPrefix, type IncidentPatch, type IncidentRecord } from './incident-record.ts';
import { appliedBy, sourceOf, type CaseChange } from '../cases/ports.ts';

/** Who may close an incident: those notified of it and the supervisors of its day and of today. */
export async function incidentAuthorities(deps: IncidentDeps, incident: IncidentRecord): Promise<Set<string>> {
  const today = tokyoDate(deps.clock.now());
  const day = tokyoDate(incident.occurredAt);
  const [ofDay, ofToday] = await Promise.all([deps.directory.supervisorsOn(day), day === today ? [] : deps.directory.supervisorsOn(today)]);
  return new Set(uniq([...incident.acks.map((a) => a.personId), ...ofDay, ...ofToday]));
}

function decideResolve(actor: PersonActor, resolution: string, now: Date, eventId: number | undefined) {
  return (incident: IncidentRecord): CaseChange<IncidentPatch, void> => {
    if (appliedBy(incident, eventId)) return { result: undefined }; // this very form resolved it before a crash
    const step = resolve(incident, actor.actorId, resolution, now);
    if (!step.ok) throw refusalError(incident, step.refusal);
    return {
      patch: step.change,
      effects: {
        events: [{ action: 'resolved', actorId: actor.actorId, detail: { resolution } }],
        audit: { action: 'incident.resolve', actorId: actor.actorId, channel: actor.channel, before: { state: incident.state }, after: { state: 'resolved', resolution } },
        cancelPrefixes: [incidentPrefix(incident.id)],
        ...sourceOf(eventId),
      },
      result: undefined,
    };
  };
}

/** 対応完了: the resolution is recorded, reminders stop, every card shows it; the reporter is told (once per event). */
export async function resolveIncident(deps: IncidentDeps, actor: PersonActor, incidentId: number, resolution: string, eventId?: number): Promise<string> {
  const text = resolution.trim();
  if (!text) throw new AppError(ErrorCode.InvalidInput, t('escalation.incident.textRequired'));
  const current = await deps.incidents.get(incidentId);
  if (!current) throw new AppError(ErrorCode.NotFound, t('escalation.incident.notFound', { id: incidentId }));
  if (!(await incidentAuthorities(deps, current)).has(actor.actorId)) {
    deps.logger.warn('incident action refused', { incidentId, actorId: actor.actorId });
    throw new AppError(ErrorCode.Forbidden, t('escalation.incident.refused', { id: incidentId }));
  }
  const now = deps.clock.now();
  const out = await deps.incidents.change(incidentId, now, decideResolve(actor, text, now, eventId));
  if (!out) throw new AppError(ErrorCode.NotFound, t('escalation.incident.notFound', { id: incidentId }));
  deps.logger.info('incident resolved', { incidentId });
  await refreshIncidentCards(deps, out.record);
  const name = nameLookup(await deps.directory.people())(actor.actorId);
  const view = plainView(t('escalation.incident.resolvedToReporter', { id: incidentId, name }), `incident:${incidentId}:resolved`);
  if (out.record.reportedById !== actor.actorId) await deliverCase(deps, 'incident', incidentId, [{ personId: out.record.reportedById, view }]);
  return t('escalation.incident.resolved', { id: incidentId });
}
