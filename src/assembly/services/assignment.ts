import type { AppContext } from '../context.ts';
import { createJobClaims } from '../../adapters/db/job-run-store.ts';
import { renderPlanScenePng } from '../../adapters/png/scene-png.ts';
import type { ChatGateway } from '../../application/chat/delivery.ts';
import type { ReportFiles } from '../../application/reports/report-delivery.ts';
import type { BureauFiles, DayEndSettings } from '../../application/day-end/ports.ts';
import { settleEarlierDays } from '../../application/day-end/settle-previous-day.ts';
import { dayEndDepsOf } from './day-end.ts';
import { ASSIGN_DAY_JOB, assignForTheDay, type DailyAssignmentDeps } from '../../application/assignment/daily-assignment.ts';
import { staffDirectoryOf } from './staff.ts';
import { assignmentDepsOf } from './work-orders.ts';

/** The morning post's daily job name (its JobRun key is `morning-post:<date>`). */
export const MORNING_POST_JOB = 'morning-post';

/** Whether the date's morning post has gone out (its daily job was claimed). */
export function morningPostedOf(ctx: AppContext): (date: string) => Promise<boolean> {
  const claims = createJobClaims(ctx.db);
  return (date) => claims.isClaimed(`${MORNING_POST_JOB}:${date}`);
}

/** Whether the date's daily assignment has run (its daily job was claimed): orders it did not see wait a day. */
export function dayAssignedOf(ctx: AppContext): (date: string) => Promise<boolean> {
  const claims = createJobClaims(ctx.db);
  return (date) => claims.isClaimed(`${ASSIGN_DAY_JOB}:${date}`);
}

/** The daily run of 振り分け and 「再振り分け」, as the configured bot does them. */
export function dailyAssignmentDepsOf(
  ctx: AppContext,
  chat: { gateway: Pick<ChatGateway, 'send'>; bureauFiles: BureauFiles; files: Pick<ReportFiles, 'deliver'> },
  instanceId: string,
  settings: { morningPostAt: string; dayEnd?: Partial<DayEndSettings> },
): DailyAssignmentDeps {
  const { gateway } = chat;
  const { morningPostAt } = settings;
  const dayEnd = dayEndDepsOf(ctx, chat, instanceId, settings.dayEnd);
  return {
    assignment: assignmentDepsOf(ctx),
    team: staffDirectoryOf(ctx),
    gateway,
    files: chat.files,
    renderMap: renderPlanScenePng,
    clock: ctx.clock,
    logger: ctx.logger,
    morningPostAt,
    morningPosted: morningPostedOf(ctx),
    settleEarlierDays: (date) => settleEarlierDays(dayEnd, date),
  };
}

/**
 * The day's assignment unless it ran already (ASSIGN_TIME, another instance, or before a restart): claimed as the
 * `assign-day` daily job of the date, so the morning post never goes out on a day nobody assigned.
 */
export function assignmentGuardOf(ctx: AppContext, deps: DailyAssignmentDeps, instanceId: string): (date: string) => Promise<void> {
  const claims = createJobClaims(ctx.db);
  return async (date) => {
    const key = `${ASSIGN_DAY_JOB}:${date}`;
    if (!(await claims.claim(key, instanceId, ctx.clock.now()))) return;
    try {
      await assignForTheDay(deps, date, { postingNow: true });
    } catch (e) {
      await claims.release(key, instanceId);
      throw e;
    }
  };
}
