import type { ChatRoutes } from '../dispatcher.ts';
import type { ParseText } from '../intents/recognise.ts';
import { combineRoutes, type RouteModule } from './compose.ts';
import { hintFallback, sendHelp } from './help.ts';
import { sendRemaining, type RemainingDeps } from './remaining.ts';
import { echoUnderstood } from './replies.ts';

export type { RouteModule } from './compose.ts';

export interface BaseRouteDeps extends RemainingDeps {
  /** The reply parser; without it, free text other than the commands gets the hint. */
  parse?: ParseText;
}

/**
 * The chat's routes: each feature's buttons, forms and intent handlers; help and 残り for everyone; a result or a
 * doubt no feature takes is echoed as understood; text nobody recognises gets the hint (chat-surface.ts reads it).
 */
export function buildChatRoutes(deps: BaseRouteDeps, features: RouteModule[] = []): ChatRoutes {
  return combineRoutes(features, {
    ...(deps.parse ? { parse: deps.parse } : {}),
    handlers: {
      help: (turn) => sendHelp(turn),
      remaining: (turn) => sendRemaining(deps, turn),
      result: echoUnderstood,
      doubt: echoUnderstood,
      unknown: (turn, intent) => hintFallback(turn, intent.typed),
    },
  });
}
