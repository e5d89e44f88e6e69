import { postStaffingDocuments } from '../../application/reports/post-staffing-documents.ts';
import type { ReportFiles } from '../../application/reports/report-delivery.ts';
import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import type { AppContext } from '../../assembly/context.ts';
import { assignmentGuardOf, dailyAssignmentDepsOf, MORNING_POST_JOB } from '../../assembly/services/assignment.ts';
import { dayPosterOf } from '../../assembly/services/dispatch.ts';
import { staffingDocumentsDepsOf } from '../../assembly/services/reports.ts';
import type { FeatureFactory } from '../feature.ts';


/**
 * The staffing documents after the morning post (POST_STAFFING_DOCUMENTS=true). A failure is logged and does not
 * fail the job: that would release its claim and post the day again.
 */
function staffingPoster(ctx: AppContext, files: ReportFiles): (date: string) => Promise<void> {
  if (!ctx.config.reportJobs.postStaffingDocuments) return async () => {};
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
 * The morning post as a daily job, on a day assigned first (the assign-day job's run, else made here): each worker's day and the day's staffing to the bureau, at MORNING_POST_TIME on
 * work days; a bot started (or restarted) later that day posts on start, until the end of business hours. With
 * POST_STAFFING_DOCUMENTS the day's staffing PDF follows. Each message is a durable delivery of the job (jobKey
 * morning-post:<date>): the run is done once they are all written, and the outbox keeps sending them through an
 * outage until the end of that work day.
 */
export const morningPostFeature: FeatureFactory = ({ ctx, chat, settings, instanceId }) => {
  const calendar = ctx.calendar;
  const assignIfNotYet = assignmentGuardOf(ctx, dailyAssignmentDepsOf(ctx, chat, instanceId, settings), instanceId);
  const postDay = dayPosterOf(ctx, chat.gateway);
  const postStaffing = staffingPoster(ctx, chat.files);
  return {
    name: 'morning-post',
    dailyJobs: [
      {
        name: MORNING_POST_JOB,
        at: settings.morningPostAt,
        catchUpUntil: calendar.businessEnd,
        runsOn: (date) => calendar.isWorkDay(date),
        // A morning post still unsent at the end of the work day is given up (and reported), never posted at night.
        deliveriesRelevantUntil: (date) => tokyoInstant(date, calendar.businessEnd),
        run: async (date) => {
          await assignIfNotYet(date);
          await postDay(date);
          await postStaffing(date);
        },
      },
    ],
  };
};
