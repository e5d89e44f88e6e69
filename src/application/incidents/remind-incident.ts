import { nextReminder } from '../../domain/escalation/reminder-policy.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { deliverCase } from '../cases/case-delivery.ts';
import type { IncidentDeps } from './incident-delivery.ts';
import { INCIDENT_REMIND, incidentRemindKey, missingAcks, type IncidentPatch, type IncidentRecord } from './incident-record.ts';
import type { CaseChange } from '../cases/ports.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

const DEFAULT_MAX_REMINDERS = 6;
const DEFAULT_EVERY_MS = 10 * 60_000;

function decideReminder(deps: IncidentDeps, incident: IncidentRecord, round: number, everyMs: number, now: Date): CaseChange<IncidentPatch, string[]> {
  const policy = { everyMs, maxRounds: deps.incidentMaxReminders ?? DEFAULT_MAX_REMINDERS };
  const missing = missingAcks(incident);
  const step = nextReminder(policy, round, incident.state === 'resolved' || missing.length === 0 ? null : missing, now);
  if (step.type !== 'remind') return { result: [] };
  const events = [{ action: 'reminded', actorId: null, detail: { to: step.to, round } }];
  if (step.last) events.push({ action: 'remindersExhausted', actorId: null, detail: { to: step.to, round } });
  const next = step.nextAt ? [timerSpec(INCIDENT_REMIND, step.nextAt, { incidentId: incident.id, round: round + 1, everyMs }, incidentRemindKey(incident.id, round + 1))] : [];
  return { effects: { events, schedule: next }, result: step.to };
}

/**
 * Timer handler 'incident.remind' (payload {incidentId, round}): reminds only those who have not acknowledged,
 * again every interval up to the limit, then says in the log and the record that acknowledgements are missing.
 */
export function createIncidentReminder(deps: IncidentDeps): TimerHandler {
  return async (timer, now) => {
    const payload = readPayload(INCIDENT_REMIND, timer.payload);
    const { incidentId, round } = payload;
    const everyMs = payload.everyMs ?? DEFAULT_EVERY_MS;
    const out = await deps.incidents.change(incidentId, now, (incident) => decideReminder(deps, incident, round, everyMs, now));
    if (!out || out.result.length === 0) return;
    const fresh = (await deps.incidents.get(incidentId)) ?? out.record;
    const still = missingAcks(fresh).filter((id) => out.result.includes(id));
    if (round >= (deps.incidentMaxReminders ?? DEFAULT_MAX_REMINDERS)) {
      deps.logger.warn('incident still not acknowledged by everyone', { incidentId, missing: still.length });
    }
    const view = plainView(t('escalation.incident.reminder', { id: incidentId }), `incident:${incidentId}:remind:${round}`);
    await deliverCase(deps, 'incident', incidentId, still.map((personId) => ({ personId, view })));
  };
}
