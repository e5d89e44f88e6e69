import type { AppContext } from '../main.ts';
import type { DailyJob } from '../adapters/scheduler/daily-jobs.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import { createPostDay } from '../application/dispatch/post-day.ts';
import type { PostDay } from '../application/dispatch/ports.ts';
import { dayViewDepsOf } from './dispatch.ts';
import { calendarOf } from './wiring.ts';

export const MORNING_POST_JOB = 'morning-post';
export const DEFAULT_MORNING_POST_AT = '08:30';

/** The morning post; the assignee's own messages show what the configured chat policy allows. */
export function createDayPoster(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): PostDay {
  return createPostDay({ ...dayViewDepsOf(ctx, gateway), logger: ctx.logger });
}

/**
 * The morning post as a daily job: at `at` on work days; a bot started (or restarted) later that day posts on
 * start, until the end of business hours.
 */
export function morningPostJob(ctx: AppContext, postDay: PostDay, at = DEFAULT_MORNING_POST_AT): DailyJob {
  const calendar = calendarOf(ctx);
  return {
    name: MORNING_POST_JOB,
    at,
    catchUpUntil: calendar.businessEnd,
    runsOn: (date) => calendar.isWorkDay(date),
    run: async (date) => void (await postDay(date)),
  };
}
