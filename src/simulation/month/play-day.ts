import type { DayPlan, MonthPlan } from './plan.ts';
import type { MonthPlayer } from './player.ts';
import { visitsOf, type Visit } from './truth.ts';

const FIRST_MINUTE = 8 * 60 + 45;
const LAST_MINUTE = 16 * 60 + 45;
const TICK_EVERY = 20;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The day's visits in the order they are reported: round robin over the workers, each in their visit order. */
async function reportOrder(player: MonthPlayer, date: string, visits: Visit[]): Promise<{ who: string; visit: Visit }[]> {
  const assigned = await player.ctx.db.read.assignment.findMany({ where: { date }, select: { personId: true, workOrder: { select: { orderNo: true } } }, orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }] });
  const byNo = new Map(visits.map((v) => [v.order.orderNo, v]));
  const queues = new Map<string, { who: string; visit: Visit }[]>();
  for (const a of assigned) {
    const visit = byNo.get(a.workOrder.orderNo);
    // A carried visit is left unreported: nobody gets to it today.
    if (!visit || visit.outcome === 'carry') continue;
    queues.set(a.personId, [...(queues.get(a.personId) ?? []), { who: a.personId, visit }]);
  }
  const out: { who: string; visit: Visit }[] = [];
  while ([...queues.values()].some((q) => q.length > 0)) for (const q of queues.values()) if (q.length > 0) out.push(q.shift()!);
  return out;
}

/**
 * One work day: the office's roster and the bureau's export before 08:00, the assignment, the 08:30 post, the
 * workers' reports through the day (a restart and a re-import of the day's file at their planned moments), the
 * 17:15 prompt, the 17:45 compile and the supervisor's 承認 of the 日報 in chat.
 */
export async function playDay(player: MonthPlayer, plan: MonthPlan, day: DayPlan): Promise<void> {
  const { date } = day;
  await player.at(date, '07:00');
  await player.roster(day);
  await player.importDay(day);
  await player.at(date, '08:00');
  await player.assign(date);
  await player.at(date, '08:30');
  const jobs = await reportOrder(player, date, visitsOf(plan).get(date) ?? []);
  const restartAt = FIRST_MINUTE + day.restartAfter;
  const reimportAt = FIRST_MINUTE + day.reimportAfter;
  let restarted = false;
  let reimported = false;
  for (const [i, job] of jobs.entries()) {
    const minute = FIRST_MINUTE + Math.floor((i * (LAST_MINUTE - FIRST_MINUTE)) / Math.max(1, jobs.length));
    if (!restarted && minute >= restartAt) restarted = (await player.restart(), true);
    if (!reimported && minute >= reimportAt) reimported = (await player.importDay(day), true);
    await player.at(date, hhmm(minute));
    if (i % TICK_EVERY === 0) await player.at(date, hhmm(minute));
    await player.report(job.who, job.visit);
  }
  if (!restarted) await player.restart();
  await player.at(date, '17:15');
  await player.at(date, '17:45');
  await player.press(day.supervisor, '承認');
  await player.at(date, '18:00');
}
