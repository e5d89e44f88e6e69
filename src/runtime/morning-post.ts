import type { AppContext } from '../main.ts';
import type { DailyJob } from '../adapters/scheduler/daily-jobs.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import { createPostDay } from '../application/dispatch/post-day.ts';
import type { PostDay } from '../application/dispatch/ports.ts';
import { postStaffingDocuments } from '../application/reports/post-staffing-documents.ts';
import type { ReportFiles } from '../application/reports/report-delivery.ts';
import { tokyoInstant } from '../domain/calendar/local-time.ts';
import { dayViewDepsOf } from './dispatch.ts';
import { staffingDocumentsDepsOf } from './report-jobs.ts';

export const MORNING_POST_JOB = 'morning-post';
export const DEFAULT_MORNING_POST_AT = '08:30';

/** The morning post; the assignee's own messages show what the configured chat policy allows. */
export function createDayPoster(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>): PostDay {
  return createPostDay({ ...dayViewDepsOf(ctx, gateway), logger: ctx.logger });
}

/**
 * The staffing documents after the morning post (POST_STAFFING_DOCUMENTS=true). A failure is logged and does not
 * fail the job: that would release its claim and post the day again.
 */
function staffingPoster(ctx: AppContext, files: ReportFiles | undefined): (date: string) => Promise<void> {
  if (!files || !ctx.config.reportJobs.postStaffingDocuments) return async () => {};
  const deps = { build: staffingDocumentsDepsOf(ctx), files, logger: ctx.logger };
  return async (date) => {
    try {
      await postStaffingDocuments(deps, date);
    } catch (e) {
      ctx.logger.error('staffing documents not posted', { date, error: e instanceof Error ? e.message : String(e) });
    }
  };
}

/**
 * The morning post as a daily job: at `at` on work days; a bot started (or restarted) later that day posts on
 * start, until the end of business hours. With POST_STAFFING_DOCUMENTS and `files`, the day's staffing PDF follows.
 * Each message is a durable delivery of the job (jobKey morning-post:<date>): the run is done once they are all
 * written, and the outbox keeps sending them through an outage until the end of that work day.
 */
export function morningPostJob(ctx: AppContext, postDay: PostDay, at = DEFAULT_MORNING_POST_AT, files?: ReportFiles): DailyJob {
  const calendar = ctx.calendar;
  const postStaffing = staffingPoster(ctx, files);
  return {
    name: MORNING_POST_JOB,
    at,
    catchUpUntil: calendar.businessEnd,
    runsOn: (date) => calendar.isWorkDay(date),
    // A morning post still unsent at the end of the work day is given up (and reported), never posted at night.
    deliveriesRelevantUntil: (date) => tokyoInstant(date, calendar.businessEnd),
    run: async (date) => {
      await postDay(date);
      await postStaffing(date);
    },
  };
}
