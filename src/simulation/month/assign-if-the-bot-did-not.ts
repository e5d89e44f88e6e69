import type { AppContext } from '../../assembly/context.ts';
import { assignDay } from '../../application/assignment/assign-day.ts';
import { assignmentDepsOf } from '../../assembly/services/work-orders.ts';

/**
 * The one step the harness does for the bot: assigning the day's open orders (new and carried) as
 * `kaiheisen assign` does. Delete once the bot's own daily assignment job (issue 12, part 1) runs before the
 * morning post: then the day is already assigned and this is a no-op.
 */
export async function assignIfTheBotDidNot(ctx: AppContext, date: string): Promise<number> {
  const already = await ctx.db.read.assignment.count({ where: { date } });
  if (already > 0) return 0;
  const result = await assignDay(assignmentDepsOf(ctx), { date, includeSupervisors: false, actorId: null, channel: 'cli' });
  return result.workers.reduce((sum, w) => sum + w.count, 0);
}
