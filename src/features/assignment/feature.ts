import { assignmentRoutes } from '../../application/assignment/assignment-routes.ts';
import { ASSIGN_DAY_JOB, assignForTheDay } from '../../application/assignment/daily-assignment.ts';
import { dailyAssignmentDepsOf } from '../../assembly/services/assignment.ts';
import type { FeatureFactory } from '../feature.ts';

/**
 * The daily cycle's first step: at ASSIGN_TIME on work days the day's open orders nobody holds yet (new, carried over,
 * released) are assigned, and the supervisors get the plan; 「再振り分け」 (typed, or the plan card's button) runs it
 * again until the morning post. A bot started later catches up until the morning post, which otherwise runs it first.
 */
export const assignmentFeature: FeatureFactory = ({ ctx, chat, instanceId, settings }) => {
  const calendar = ctx.calendar;
  const deps = dailyAssignmentDepsOf(ctx, chat, instanceId, settings);
  return {
    name: 'assignment',
    routes: [assignmentRoutes(deps)],
    dailyJobs: [
      {
        name: ASSIGN_DAY_JOB,
        at: settings.assignAt ?? ctx.config.assignTime,
        catchUpUntil: settings.morningPostAt,
        runsOn: (date) => calendar.isWorkDay(date),
        run: async (date) => void (await assignForTheDay(deps, date)),
      },
    ],
  };
};
