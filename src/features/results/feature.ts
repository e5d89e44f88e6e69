import { createPendingReplyStore } from '../../adapters/db/pending-reply-store.ts';
import { createResultStore } from '../../adapters/db/result-store.ts';
import { reached } from '../../application/chat/delivery.ts';
import { sendWorkerDay } from '../../application/dispatch/day-refresh.ts';
import type { TextDeps } from '../../application/results/handle-result-text.ts';
import { resultRoutes } from '../../application/results/result-routes.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';
import type { AppContext } from '../../assembly/context.ts';
import { dayViewDepsOf } from '../../assembly/services/dispatch.ts';
import { consentCheckOf } from '../../assembly/services/escalation.ts';
import { staffDirectoryOf } from '../../assembly/services/staff.ts';
import type { FeatureChat, FeatureFactory } from '../feature.ts';

/** The results flow's deps: the database, the reply parser, the chat and the after-hours consent check. */
function resultDepsOf(ctx: AppContext, chat: Pick<FeatureChat, 'gateway'>): TextDeps {
  const { gateway } = chat;
  return {
    results: createResultStore(ctx.db),
    pending: createPendingReplyStore(ctx.db),
    directory: staffDirectoryOf(ctx),
    refreshWorkerDay: async (personId, date) => {
      const reports = await sendWorkerDay(dayViewDepsOf(ctx, gateway), date, personId);
      if (reports.some((r) => !reached(r))) ctx.logger.warn('day view not refreshed', { personId, date });
    },
    gateway,
    consentFor: consentCheckOf(ctx),
    clock: ctx.clock,
    logger: ctx.logger,
    thresholds: ctx.config.results.usageAlert,
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    pendingMinutes: ctx.config.results.pendingMinutes,
  };
}

/**
 * Results from workers (buttons, forms, plain text), each reading confirmed and checked. Its open question (「指針は
 * 123 でよろしいですか」) is context for the next message: a command or a doubt written meanwhile is that command.
 */
export const resultsFeature: FeatureFactory = ({ ctx, chat }) => ({ name: 'results', routes: [resultRoutes(resultDepsOf(ctx, chat))] });
