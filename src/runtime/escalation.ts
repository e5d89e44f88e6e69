import type { AppContext } from '../main.ts';
import { createCaseLog } from '../adapters/db/case-effects.ts';
import { createCaseOrders } from '../adapters/db/case-order-store.ts';
import { createDoubtStore } from '../adapters/db/doubt-store.ts';
import { createIncidentStore } from '../adapters/db/incident-store.ts';
import { createOvertimeStore } from '../adapters/db/overtime-store.ts';
import { createStaffStore } from '../adapters/db/staff-store.ts';
import { createTimerStore } from '../adapters/db/timer-store.ts';
import type { Poller } from '../adapters/scheduler/scheduler.ts';
import { withDeliveryCause } from '../adapters/scheduler/delivery-cause.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import type { RouteModule } from '../application/chat/routes/compose.ts';
import type { ReadReply } from '../application/chat/routes/replies.ts';
import { createStalledChainCheck, type StalledStep } from '../application/escalation/check-stalled-chains.ts';
import { escalationRoutes, escalationTimerHandlers, type EscalationDeps } from '../application/escalation/escalation-routes.ts';
import type { EscalationDirectory } from '../application/escalation/ports.ts';
import { createConsentCheck, type ConsentFor } from '../application/overtime/consent-for.ts';
import { CHAT_POLICIES } from '../domain/privacy/chat-policy.ts';
import { getContactChart } from '../application/staffing/get-contact-chart.ts';
import { getDayStaffing } from '../application/staffing/get-day-staffing.ts';
import { createTimerRunner, type TimerHandler } from '../application/timers/timer-runner.ts';

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

export interface EscalationRuntime {
  deps: EscalationDeps;
  routes: RouteModule;
  /** The durable timer runner and the watchdog, for the Scheduler. */
  pollers: Poller[];
  tickTimers(now: Date): Promise<number>;
  checkStalledChains(now: Date): Promise<StalledStep[]>;
  /** For the results flow: whether a result recorded at `at` is after hours, and the consent that covers it. */
  consentFor: ConsentFor;
}

/** A gateway the routes can hold before the chat runtime has built the real one (createChatRuntime takes the routes). */
export function lateBoundGateway(): { gateway: Pick<ChatGateway, 'send'>; bind(real: Pick<ChatGateway, 'send'>): void } {
  let real: Pick<ChatGateway, 'send'> | undefined;
  return {
    gateway: {
      send: (to, view) => {
        if (!real) throw new Error('chat gateway not bound yet');
        return real.send(to, view);
      },
    },
    bind: (g) => void (real = g),
  };
}

/** Each step runs as the cause of the messages it sends (`timer:<id>`): a step run again sends none of them twice. */
function keyedByTimer(handlers: Record<string, TimerHandler>): Record<string, TimerHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]) => [kind, (timer, now) => withDeliveryCause({ key: `timer:${timer.id}` }, () => handler(timer, now))]),
  );
}

export function escalationDirectoryOf(ctx: AppContext): EscalationDirectory {
  const staff = createStaffStore(ctx.db, ctx.clock);
  const calendar = ctx.calendar;
  return {
    people: async () => new Map((await staff.listPeople()).map((p) => [p.id, { id: p.id, name: p.name, affiliation: p.affiliation, active: p.active }])),
    supervisorsOn: async (date) => (await getDayStaffing({ staff, calendar }, date)).supervisors,
    chart: (name) => getContactChart({ staff }, name),
  };
}

/**
 * Doubts, incidents and after-hours consent wired to the database, the chat gateway and the clock: the chat routes,
 * the durable timer runner (overdue steps run on the first tick after a start) and the watchdog.
 */
export function createEscalationRuntime(
  ctx: AppContext,
  gateway: Pick<ChatGateway, 'send'>,
  options: {
    instanceId: string;
    readReply?: ReadReply;
    settings?: EscalationSettings;
    /** Other features' timer kinds: one runner serves every kind (a runner gives up on kinds it cannot handle). */
    otherTimerHandlers?: Record<string, TimerHandler>;
  },
): EscalationRuntime {
  const s = options.settings ?? {};
  const timers = createTimerStore(ctx.db);
  const deps: EscalationDeps = {
    directory: escalationDirectoryOf(ctx),
    orders: createCaseOrders(ctx.db),
    gateway,
    timers,
    log: createCaseLog(ctx.db),
    clock: ctx.clock,
    logger: ctx.logger,
    doubts: createDoubtStore(ctx.db),
    incidents: createIncidentStore(ctx.db),
    overtime: createOvertimeStore(ctx.db),
    calendar: ctx.calendar,
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    readReply: options.readReply,
    doubtRemindMinutes: s.doubtRemindMinutes,
    incidentRemindMinutes: s.incidentRemindMinutes,
    overtimeRemindMinutes: s.overtimeRemindMinutes,
  };
  const handlers = keyedByTimer({ ...(options.otherTimerHandlers ?? {}), ...escalationTimerHandlers(deps) });
  const runner = createTimerRunner({ store: timers, handlers, logger: ctx.logger, instanceId: options.instanceId });
  const checkStalledChains = createStalledChainCheck({ ...deps, thresholdMs: s.watchdogLateMs });
  return {
    deps,
    routes: escalationRoutes(deps),
    pollers: [
      { name: 'durable-timers', everyMs: s.timerPollMs ?? 5_000, tick: runner.tick },
      { name: 'escalation-watchdog', everyMs: 60_000, tick: checkStalledChains },
    ],
    tickTimers: runner.tick,
    checkStalledChains,
    consentFor: createConsentCheck(deps),
  };
}
