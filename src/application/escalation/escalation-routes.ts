import type { RouteModule } from '../chat/routes/compose.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import type { OvertimeDeps } from '../overtime/overtime-record.ts';
import { overtimeRoutes } from '../overtime/overtime-routes.ts';
import { createOvertimeReminder } from '../overtime/remind-overtime.ts';
import { OVERTIME_REMIND } from '../overtime/overtime-record.ts';
import type { DoubtDeps } from '../doubts/doubt-delivery.ts';
import { DOUBT_ESCALATE, DOUBT_REMIND } from '../doubts/doubt-record.ts';
import { doubtRoutes } from '../doubts/doubt-routes.ts';
import { createDoubtEscalation } from '../doubts/escalate-doubt.ts';
import type { IncidentDeps } from '../incidents/incident-delivery.ts';
import { INCIDENT_REMIND } from '../incidents/incident-record.ts';
import { incidentRoutes } from '../incidents/incident-routes.ts';
import { createDoubtReminder } from '../doubts/remind-doubt.ts';
import { createIncidentReminder } from '../incidents/remind-incident.ts';
import { DEFAULT_DOUBT_REMIND_MINUTES } from '../doubts/act-on-doubt.ts';
import { DEFAULT_DOUBT_MAX_REMINDERS } from '../doubts/remind-doubt.ts';
import { DEFAULT_OVERTIME_REMIND_MINUTES } from '../overtime/request-overtime.ts';
import { t } from '../../templates.ts';

/** Everything doubts, incidents and after-hours consent need; the runtime builds it once. */
export type EscalationDeps = DoubtDeps & IncidentDeps & OvertimeDeps;

/**
 * The chat routes of doubts, incidents and after-hours consent as one module for buildChatRoutes(…, features).
 * A doubt typed as text is raised here (intent `doubt`), not just echoed. 事故 typed as text is not here: see
 * incidentTextRoutes.
 */
export function escalationRoutes(deps: EscalationDeps): RouteModule {
  const modules = [doubtRoutes(deps), incidentRoutes(deps), overtimeRoutes(deps)];
  const pick = <K extends 'buttons' | 'forms' | 'formOpeners'>(key: K) => Object.assign({}, ...modules.map((m) => m[key] ?? {})) as NonNullable<RouteModule[K]>;
  return {
    name: 'escalation',
    buttons: pick('buttons'),
    forms: pick('forms'),
    formOpeners: pick('formOpeners'),
    // 時間外 and the doubts' intents. Incidents typed as text have their own module (incidentTextRoutes, the
    // incident-reports feature).
    intents: { ...modules[2]!.intents, ...modules[0]!.intents },
  };
}

/** The durable timer handlers by kind, for createTimerRunner({ handlers }). */
export function escalationTimerHandlers(deps: EscalationDeps): Record<string, TimerHandler> {
  return {
    [DOUBT_ESCALATE]: createDoubtEscalation(deps),
    [DOUBT_REMIND]: createDoubtReminder(deps),
    [INCIDENT_REMIND]: createIncidentReminder(deps),
    [OVERTIME_REMIND]: createOvertimeReminder(deps),
  };
}

/** How long each doubt, incident and overtime step waits, in the words of `kaiheisen schedule` (as configured). */
export function escalationWaits(deps: Pick<EscalationDeps, 'doubtRemindMinutes' | 'incidentRemindMinutes' | 'overtimeRemindMinutes'>): Record<string, string> {
  const incident = deps.incidentRemindMinutes;
  return {
    [DOUBT_ESCALATE]: t('schedule.wait.doubtEscalate'),
    [DOUBT_REMIND]: t('schedule.wait.doubtRemind', { minutes: deps.doubtRemindMinutes ?? DEFAULT_DOUBT_REMIND_MINUTES, max: DEFAULT_DOUBT_MAX_REMINDERS }),
    [INCIDENT_REMIND]: incident === undefined ? t('schedule.wait.incidentRemindChart') : t('schedule.wait.incidentRemind', { minutes: incident }),
    [OVERTIME_REMIND]: t('schedule.wait.overtimeRemind', { minutes: deps.overtimeRemindMinutes ?? DEFAULT_OVERTIME_REMIND_MINUTES }),
  };
}
