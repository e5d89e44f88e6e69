import type { AppContext } from '../main.ts';
import { createDayOrderIndex, createOrderContacts } from '../adapters/db/dispatch-store.ts';
import { createOrderWatchStore } from '../adapters/db/order-watch-store.ts';
import type { Poller } from '../adapters/scheduler/scheduler.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import type { RouteModule } from '../application/chat/routes/compose.ts';
import { dispatchRoutes } from '../application/dispatch/dispatch-routes.ts';
import { createOrderWatch, type OrderWatchReport } from '../application/dispatch/order-watch.ts';
import type { DayViewDeps, SupervisionDeps } from '../application/dispatch/supervision-ports.ts';
import { CHAT_POLICIES } from '../domain/privacy/chat-policy.ts';
import { assignmentDepsOf, dayOrdersOf, dayTeamOf } from './wiring.ts';

/** How often the order watch looks for re-imports on the wall clock (default 30 s). */
export const DEFAULT_ORDER_WATCH_MS = 30_000;

export interface DispatchRuntime {
  /** 「進捗」, 「振替 0012 w03」 and the progress view's 振替 form. */
  routes: RouteModule;
  /** The order watch (re-imports reaching workers), for the Scheduler. */
  pollers: Poller[];
  watchOrders(now: Date): Promise<OrderWatchReport>;
}

/** Day views as the configured chat policy allows (the assignee's contact only under 'assignee-contact'). */
export function dayViewDepsOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): DayViewDeps {
  return {
    orders: dayOrdersOf(ctx),
    team: dayTeamOf(ctx),
    gateway,
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    contacts: createOrderContacts(ctx.db),
  };
}

/** The supervisor's side of the day in chat and the order watch, wired to the database and the chat gateway. */
export function createDispatchRuntime(
  ctx: AppContext,
  gateway: Pick<ChatGateway, 'send'>,
  options: { instanceId: string; orderWatchMs?: number },
): DispatchRuntime {
  const deps: SupervisionDeps = {
    ...dayViewDepsOf(ctx, gateway),
    index: createDayOrderIndex(ctx.db),
    assignment: assignmentDepsOf(ctx),
    clock: ctx.clock,
    logger: ctx.logger,
  };
  const watchOrders = createOrderWatch({ ...deps, store: createOrderWatchStore(ctx.db), instanceId: options.instanceId });
  return {
    routes: dispatchRoutes(deps),
    pollers: [{ name: 'order-watch', everyMs: options.orderWatchMs ?? DEFAULT_ORDER_WATCH_MS, tick: watchOrders }],
    watchOrders,
  };
}

/**
 * The order watch's interval. src/config.ts does not carry it yet (ORDER_WATCH_SECONDS → `orderWatchSeconds`);
 * until it does it is read as an optional field. Undefined = the default 30 s.
 */
export function orderWatchMsOf(config: AppContext['config']): number {
  return config.orderWatchSeconds * 1000;
}
