import { createOrderWatchStore } from '../../adapters/db/order-watch-store.ts';
import { dispatchRoutes } from '../../application/dispatch/dispatch-routes.ts';
import { createOrderWatch } from '../../application/dispatch/order-watch.ts';
import { supervisionDepsOf } from '../../assembly/services/dispatch.ts';
import type { FeatureFactory } from '../feature.ts';

/**
 * The supervisor's side of the day in chat (「進捗」, 「振替 0012 w03」, the progress view's 振替 form) and the order
 * watch: re-imported or changed orders reach the workers they concern (ORDER_WATCH_SECONDS).
 */
export const dispatchFeature: FeatureFactory = ({ ctx, chat, instanceId }) => {
  const deps = supervisionDepsOf(ctx, chat.gateway);
  const watchOrders = createOrderWatch({ ...deps, store: createOrderWatchStore(ctx.db), instanceId });
  return {
    name: 'dispatch',
    routes: [dispatchRoutes(deps)],
    pollers: [{ name: 'order-watch', everyMs: ctx.config.orderWatchSeconds * 1000, tick: watchOrders }],
  };
};
