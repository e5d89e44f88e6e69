import type { AppContext } from '../context.ts';
import { createDayOrderIndex, createOrderContacts } from '../../adapters/db/dispatch-store.ts';
import { morningPostedOf } from './assignment.ts';
import type { ChatGateway } from '../../application/chat/delivery.ts';
import { createPostDay } from '../../application/dispatch/post-day.ts';
import type { PostDay } from '../../application/dispatch/ports.ts';
import type { DayViewDeps, SupervisionDeps } from '../../application/dispatch/supervision-ports.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';
import { staffDirectoryOf } from './staff.ts';
import { assignmentDepsOf, dayOrdersOf } from './work-orders.ts';

/** Day views as the configured chat policy allows (the assignee's contact only under 'assignee-contact'). */
export function dayViewDepsOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): DayViewDeps {
  return {
    orders: dayOrdersOf(ctx),
    team: staffDirectoryOf(ctx),
    gateway,
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    contacts: createOrderContacts(ctx.db),
  };
}

/** The supervisor's side of the day in chat (進捗, 振替) and the order watch. */
export function supervisionDepsOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): SupervisionDeps {
  return {
    ...dayViewDepsOf(ctx, gateway),
    index: createDayOrderIndex(ctx.db),
    assignment: assignmentDepsOf(ctx),
    clock: ctx.clock,
    logger: ctx.logger,
    dayPosted: morningPostedOf(ctx),
  };
}

/** The morning post (each worker's day, the day's staffing to the bureau): the job, and `kaiheisen post-day`. */
export function dayPosterOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): PostDay {
  return createPostDay({ ...dayViewDepsOf(ctx, gateway), logger: ctx.logger });
}
