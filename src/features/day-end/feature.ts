import { nextAfterOvertimeDue, tickAfterOvertime } from '../../application/day-end/after-overtime.ts';
import { compileDailyReport, promptDayEnd, tickEarlyCompile } from '../../application/day-end/compile-daily-report.ts';
import { dayEndRoutes } from '../../application/day-end/day-end-routes.ts';
import { DAILY_REMIND, DAILY_REPORT_JOB, DAY_END_PROMPT_JOB } from '../../application/day-end/ports.ts';
import { createDailyReportReminder, dailyReportWaits } from '../../application/day-end/remind-daily-report.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { dayEndDepsOf } from '../../assembly/services/day-end.ts';
import type { FeatureFactory } from '../feature.ts';

const EVERY_MINUTE = 60_000;

/**
 * The end of the day: the worker's prompt at DAY_END_PROMPT_TIME, the 日報 compiled at the end of business hours (or
 * earlier, once every worker is done), its approval by the supervisor in chat and the reminder while it waits (a
 * durable timer per round). The compile that waits for overtime, and the re-issue for results recorded after the
 * compile, are a poller too (after-overtime.ts). The early compile stays a poller: what makes the day ready (the last result, a cancelled
 * or moved order, a staffing change) is written by other features and by CLI commands in other processes.
 */
export const dayEndFeature: FeatureFactory = ({ ctx, chat, instanceId, settings }) => {
  const deps = dayEndDepsOf(ctx, chat, instanceId, settings.dayEnd);
  const calendar = ctx.calendar;
  const workDay = (date: string) => calendar.isWorkDay(date);
  return {
    name: 'day-end',
    routes: [dayEndRoutes(deps)],
    timers: { [DAILY_REMIND]: createDailyReportReminder(deps) },
    waits: dailyReportWaits(deps.settings),
    dailyJobs: [
      { name: DAY_END_PROMPT_JOB, at: deps.settings.promptAt, catchUpUntil: calendar.businessEnd, runsOn: workDay, run: async (date) => void (await promptDayEnd(deps, date)) },
      { name: DAILY_REPORT_JOB, at: calendar.businessEnd, catchUpUntil: '23:59', runsOn: workDay, run: async (date) => void (await compileDailyReport(deps, date)) },
    ],
    pollers: [
      { name: 'daily-report-early', everyMs: EVERY_MINUTE, tick: (now) => tickEarlyCompile(deps, now, tokyoDate(now)) },
      {
        name: 'daily-report-after-overtime',
        everyMs: EVERY_MINUTE,
        tick: (now) => tickAfterOvertime(deps, now),
        reportsWork: true,
        nextDue: (after) => nextAfterOvertimeDue(deps, after),
      },
    ],
  };
};
