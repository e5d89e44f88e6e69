import type { AppContext } from '../main.ts';
import { createPendingReplyStore } from '../adapters/db/pending-reply-store.ts';
import { createResultStore } from '../adapters/db/result-store.ts';
import { parseReply } from '../adapters/nlp/reply-parser.ts';
import { reached, type ChatGateway } from '../application/chat/delivery.ts';
import type { TextDeps } from '../application/results/handle-result-text.ts';
import type { ConsentFor, ResultsDirectory } from '../application/results/ports.ts';
import { resultRoutes, type ResultRouteModules } from '../application/results/result-routes.ts';
import { CHAT_POLICIES } from '../domain/privacy/chat-policy.ts';
import { sendWorkerDay } from '../application/dispatch/day-refresh.ts';
import { dayViewDepsOf } from './dispatch.ts';
import { escalationDirectoryOf } from './escalation.ts';

export interface ResultsRuntime {
  deps: TextDeps;
  routes: ResultRouteModules;
}

function resultsDirectoryOf(ctx: AppContext): ResultsDirectory {
  const directory = escalationDirectoryOf(ctx);
  return {
    names: async () => new Map([...(await directory.people()).values()].map((p) => [p.id, p.name])),
    supervisorsOn: (date) => directory.supervisorsOn(date),
  };
}

/**
 * The results flow wired to the database, the reply parser, the chat gateway and the after-hours consent check of
 * the escalation runtime. `pendingMinutes`: how long a text conversation waits for the next answer (default 30).
 */
export function createResultsRuntime(
  ctx: AppContext,
  gateway: Pick<ChatGateway, 'send'>,
  options: { consentFor: ConsentFor; pendingMinutes?: number },
): ResultsRuntime {
  const deps: TextDeps = {
    results: createResultStore(ctx.db),
    pending: createPendingReplyStore(ctx.db),
    directory: resultsDirectoryOf(ctx),
    refreshWorkerDay: async (personId, date) => {
      const reports = await sendWorkerDay(dayViewDepsOf(ctx, gateway), date, personId);
      if (reports.some((r) => !reached(r))) ctx.logger.warn('day view not refreshed', { personId, date });
    },
    gateway,
    consentFor: options.consentFor,
    clock: ctx.clock,
    logger: ctx.logger,
    thresholds: ctx.config.results.usageAlert,
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    pendingMinutes: options.pendingMinutes,
    parse: (text, awaiting) => parseReply(text, awaiting ? { awaiting } : {}),
  };
  return { deps, routes: resultRoutes(deps) };
}
