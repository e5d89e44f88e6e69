import type { ChatRoutes } from '../dispatcher.ts';
import { combineRoutes, type RouteModule } from './compose.ts';
import { hintFallback, helpRoutes, sendHelp } from './help.ts';
import { remainingRoutes, sendRemaining, type RemainingDeps } from './remaining.ts';
import { replyRoutes, type ReadReply } from './replies.ts';

export type { RouteModule, TextRoute } from './compose.ts';

export interface BaseRouteDeps extends RemainingDeps {
  /** The reply parser; without it, free text other than the keywords gets the hint. */
  readReply?: ReadReply;
}

/**
 * The chat's routes. Text is tried by: help, 残り, each feature's module in the order given (results, doubts, the
 * morning post's buttons …), then the reply parser's echo of what it understood; text nobody recognises gets the hint.
 */
export function buildChatRoutes(deps: BaseRouteDeps, features: RouteModule[] = []): ChatRoutes {
  const modules = [helpRoutes(), remainingRoutes(deps), ...features];
  if (deps.readReply) {
    modules.push(replyRoutes({ read: deps.readReply, help: sendHelp, remaining: (turn) => sendRemaining(deps, turn) }));
  }
  return combineRoutes(modules, hintFallback);
}
