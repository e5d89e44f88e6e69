import type { AppContext } from '../context.ts';
import { createCaseLog } from '../../adapters/db/case-effects.ts';
import { createCaseOrders } from '../../adapters/db/case-order-store.ts';
import { createDoubtStore } from '../../adapters/db/doubt-store.ts';
import { createIncidentStore } from '../../adapters/db/incident-store.ts';
import { createOvertimeStore } from '../../adapters/db/overtime-store.ts';
import { createTimerStore } from '../../adapters/db/timer-store.ts';
import type { ChatGateway } from '../../application/chat/delivery.ts';
import type { EscalationDeps } from '../../application/escalation/escalation-routes.ts';
import { createConsentCheck, type ConsentFor } from '../../application/overtime/consent-for.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';
import { staffDirectoryOf } from './staff.ts';

/** Settings of the escalation (all optional; defaults in the use cases). */
export interface EscalationSettings {
  doubtRemindMinutes?: number;
  incidentRemindMinutes?: number;
  overtimeRemindMinutes?: number;
  /** A pending step later than this is reported by the watchdog (default 2 minutes). */
  watchdogLateMs?: number;
  /** How often the durable timers are polled on the wall clock (default 5 s). */
  timerPollMs?: number;
}

/** Doubts, incidents and after-hours consent wired to the database, the chat gateway and the clock. */
export function escalationDepsOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>, settings: EscalationSettings = ctx.config.escalation): EscalationDeps {
  return {
    directory: staffDirectoryOf(ctx),
    orders: createCaseOrders(ctx.db),
    gateway,
    timers: createTimerStore(ctx.db),
    log: createCaseLog(ctx.db),
    clock: ctx.clock,
    logger: ctx.logger,
    doubts: createDoubtStore(ctx.db),
    incidents: createIncidentStore(ctx.db),
    overtime: createOvertimeStore(ctx.db),
    calendar: ctx.calendar,
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    doubtRemindMinutes: settings.doubtRemindMinutes,
    incidentRemindMinutes: settings.incidentRemindMinutes,
    overtimeRemindMinutes: settings.overtimeRemindMinutes,
  };
}

/** For the results flow: whether a result recorded at `at` is after hours, and the consent that covers it. */
export function consentCheckOf(ctx: AppContext): ConsentFor {
  return createConsentCheck({ overtime: createOvertimeStore(ctx.db), calendar: ctx.calendar });
}
