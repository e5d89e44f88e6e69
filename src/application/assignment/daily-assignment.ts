import { tokyoDate, tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import { deliverToAll, type ReportFiles } from '../reports/report-delivery.ts';
import type { Clock, Logger } from '../ports.ts';
import type { StaffDirectory } from '../staffing/ports.ts';
import { assignDay, type AssignDayResult } from './assign-day.ts';
import { planCard, planFailedCard, type PlanCardContext } from './plan-card.ts';
import { planMapFile, planMapOf } from './plan-map.ts';
import type { AssignmentDeps, PlanMapRenderer } from './ports.ts';

export interface DailyAssignmentDeps {
  assignment: AssignmentDeps;
  team: Pick<StaffDirectory, 'approversOn'>;
  gateway: Pick<ChatGateway, 'send'>;
  /** The plan map goes to the supervisors as a file (uploaded where the platform can). */
  files: Pick<ReportFiles, 'deliver'>;
  renderMap: PlanMapRenderer;
  clock: Clock;
  logger: Logger;
  /** HH:MM of the morning post (shown on the card). */
  morningPostAt: string;
  /** Whether the date's morning post has gone out (its daily job ran). */
  morningPosted(date: string): Promise<boolean>;
  /**
   * Closes the work day before `date` if nobody did (its open orders carried over to be assigned now), and carries to
   * `date` every order still to do dated before it that no day-end carried (dated on a closed day, imported late).
   */
  settleEarlierDays(date: string): Promise<void>;
}

/** The daily job of the run (JobRun key `assign-day:<date>`). */
export const ASSIGN_DAY_JOB = 'assign-day';

const SYSTEM = { actorId: null, channel: 'system' };

async function toSupervisors(deps: DailyAssignmentDeps, date: string, view: Parameters<ChatGateway['send']>[1]): Promise<string[]> {
  const { supervisors } = await deps.team.approversOn(date);
  for (const personId of supervisors) await deps.gateway.send({ personId }, view);
  return supervisors;
}

/**
 * The plan card with its map: the card first (a durable delivery), then the picture to each supervisor. A picture that
 * cannot be posted is logged and stops nothing: the card has the plan.
 */
async function tellPlan(deps: DailyAssignmentDeps, result: AssignDayResult, context: PlanCardContext): Promise<void> {
  const map = planMapOf(result, deps.assignment.depot);
  const supervisors = await toSupervisors(deps, result.date, planCard(result, { ...context, map }));
  if (!map.scene || supervisors.length === 0) return;
  try {
    const file = planMapFile(map.scene, result.date, deps.renderMap);
    await deliverToAll(deps, supervisors.map((personId) => ({ personId })), [file]);
  } catch (e) {
    deps.logger.error('plan map not posted', { date: result.date, error: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Worth a message: the day has orders (the supervisors get the day's plan every work morning, also when every order
 * was already assigned and nothing changed), or something was dropped or released, or someone or something left out.
 */
const worthTelling = (r: AssignDayResult) =>
  !r.noOrders || r.changed > 0 || r.removed.length > 0 || r.released.length > 0 || r.unassigned.length > 0 || r.leftOut.length > 0;

/**
 * The daily run (ASSIGN_TIME, or first thing in the morning post): the day's open orders nobody holds yet (new, carried
 * over, released) are placed; what someone was given by hand, a 振替 or a pin stays. The supervisors get the day's plan
 * (once: the daily job is claimed once per day), also when nothing changed; a day that cannot be assigned (closed,
 * nobody on duty) is told to them.
 * `postingNow`: run by the morning post itself (the bot was down at ASSIGN_TIME), so the card offers no re-run.
 */
export async function assignForTheDay(deps: DailyAssignmentDeps, date: string, o: { postingNow?: boolean } = {}): Promise<AssignDayResult | undefined> {
  await deps.settleEarlierDays(date);
  let result: AssignDayResult;
  try {
    result = await assignDay(deps.assignment, { date, includeSupervisors: false, keepAssigned: true, ...SYSTEM });
  } catch (e) {
    if (!isAppError(e)) throw e;
    deps.logger.warn('day not assigned', { date, reason: e.code });
    await toSupervisors(deps, date, planFailedCard(date, e.message));
    return undefined;
  }
  deps.logger.info('day assigned', { date, changed: result.changed, moved: result.moved, unassigned: result.unassigned.length, leftOut: result.leftOut.length });
  if (worthTelling(result)) await tellPlan(deps, result, { posted: o.postingNow === true, morningPostAt: deps.morningPostAt });
  return result;
}

/**
 * 「再振り分け」 by a supervisor of the day, before the morning post: everything not pinned, moved or done is assigned
 * afresh and the plan card is updated. After the morning post the workers hold their day: moves are made with 振替.
 */
export async function rerunAssignment(deps: DailyAssignmentDeps, actor: { personId: string; channel: string }, date: string): Promise<string> {
  const { supervisors } = await deps.team.approversOn(date);
  if (!supervisors.includes(actor.personId)) return t('assign.plan.notSupervisor');
  const past = date < tokyoDate(deps.clock.now());
  const context: PlanCardContext = { posted: past || (await deps.morningPosted(date)), morningPostAt: deps.morningPostAt };
  if (context.posted) return t('assign.plan.afterPost', { date: japaneseDay(date) });
  await deps.settleEarlierDays(date); // orders imported since the daily run, dated on a closed day or before
  const result = await assignDay(deps.assignment, { date, includeSupervisors: false, actorId: actor.personId, channel: actor.channel });
  await tellPlan(deps, result, { ...context, rerunAt: tokyoHhmm(deps.clock.now()) });
  return t('assign.plan.rerunDone', { date: japaneseDay(date), moved: result.moved, reordered: result.changed - result.moved });
}
