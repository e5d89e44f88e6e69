import { createPendingReplyStore } from '../../adapters/db/pending-reply-store.ts';
import { createResultStore } from '../../adapters/db/result-store.ts';
import { createCorrectionStore } from '../../adapters/db/result-correction-store.ts';
import { correctionReportsOf } from '../../application/day-end/reissue-daily-report.ts';
import { dayEndDepsOf } from '../../assembly/services/day-end.ts';
import { reached } from '../../application/chat/delivery.ts';
import { sendWorkerDay } from '../../application/dispatch/day-refresh.ts';
import type { TextDeps } from '../../application/results/handle-result-text.ts';
import { resultRoutes } from '../../application/results/result-routes.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';
import { dayViewDepsOf } from '../../assembly/services/dispatch.ts';
import { consentCheckOf } from '../../assembly/services/escalation.ts';
import { staffDirectoryOf } from '../../assembly/services/staff.ts';
import type { FeatureFactory, FeatureParts } from '../feature.ts';

/** The results flow's deps: the database, the chat, the after-hours consent check and the day's report (訂正). */
function resultDepsOf({ ctx, chat, instanceId, settings }: FeatureParts): TextDeps {
  const { gateway } = chat;
  return {
    results: createResultStore(ctx.db),
    corrections: createCorrectionStore(ctx.db),
    // 訂正 keeps the day's report current, and re-issues an approved one (the end of the day's use cases).
    correctionReports: correctionReportsOf(dayEndDepsOf(ctx, chat, instanceId, settings.dayEnd)),
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
 * Results from workers (buttons, forms, plain text), each reading confirmed and checked, and corrected (訂正). Its open
 * question (「指針は 123 でよろしいですか」) is context for the next message: a command written meanwhile is that command.
 */
export const resultsFeature: FeatureFactory = (parts) => ({ name: 'results', routes: [resultRoutes(resultDepsOf(parts))] });
