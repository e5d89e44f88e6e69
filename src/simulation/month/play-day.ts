import { hhmm, nightComplaint, parkingFee, raiseDoubt, reportIncident, requestOvertime } from './day-events.ts';
import { correctionLine } from './persona.ts';
import type { DayPlan, MonthPlan } from './plan.ts';
import type { MonthPlayer } from './player.ts';
import { visitsOf, type Visit } from './truth.ts';

const FIRST_MINUTE = 8 * 60 + 45;
const LAST_MINUTE = 16 * 60 + 45;
const OVERTIME_FROM = 18 * 60;
const TICK_EVERY = 20;

interface Job {
  who: string;
  visit: Visit;
}

/** The day's visits in the order they are reported: round robin over the workers, each in their visit order. */
async function reportOrder(player: MonthPlayer, date: string, visits: Visit[]): Promise<Job[]> {
  const assigned = await player.ctx.db.read.assignment.findMany({ where: { date }, select: { personId: true, workOrder: { select: { orderNo: true } } }, orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }] });
  const byNo = new Map(visits.map((v) => [v.order.orderNo, v]));
  const queues = new Map<string, Job[]>();
  for (const a of assigned) {
    const visit = byNo.get(a.workOrder.orderNo);
    // A carried visit is left unreported: nobody gets to it today.
    if (!visit || visit.outcome === 'carry') continue;
    queues.set(a.personId, [...(queues.get(a.personId) ?? []), { who: a.personId, visit }]);
  }
  const out: Job[] = [];
  while ([...queues.values()].some((q) => q.length > 0)) for (const q of queues.values()) if (q.length > 0) out.push(q.shift()!);
  return out;
}

/** The job's result, with what comes around it: a doubt before, an incident, a parking fee, a 訂正 after. */
async function work(player: MonthPlayer, day: DayPlan, job: Job, at: (time: string) => Promise<void>, minute: number): Promise<void> {
  const { events } = day;
  const no = job.visit.order.orderNo;
  const doubt = events.doubts.indexOf(no);
  if (doubt >= 0) await raiseDoubt(player, day, job.who, job.visit.order, doubt === 0, at, minute);
  await player.report(job.who, job.visit);
  if (events.incidents.includes(no)) await reportIncident(player, day, job.who, job.visit.order);
  const fee = events.parking.find((p) => p.orderNo === no);
  if (fee) await parkingFee(player, job.who, no, fee.yen);
  const correction = correctionLine(job.visit);
  if (correction) await player.report(job.who, job.visit, correction);
}

/**
 * One work day: the day's roster (the leaver's `until` in the staff file ends their days) and the bureau's export before 08:00,
 * the assignment, the 08:30 post, the workers' reports through the day with their noise (a restart and a re-import
 * of the day's file at their planned moments), the overtime asked at 16:50, the 17:15 prompt, the 17:45 compile,
 * the overtime results, the supervisor's 承認 of the 日報 in chat, a 断水 complaint at night.
 */
export async function playDay(player: MonthPlayer, plan: MonthPlan, day: DayPlan): Promise<void> {
  const { date } = day;
  const at = (time: string) => player.at(date, time);
  await at('07:00');
  await player.roster(day);
  await player.importDay(day);
  await at('08:00'); // the bot's own assign-day job places the day's new and carried orders
  await at('08:30');
  const all = await reportOrder(player, date, visitsOf(plan).get(date) ?? []);
  const overtime = new Set(day.events.overtime);
  const jobs = all.filter((j) => !overtime.has(j.visit.order.orderNo));
  const restartAt = FIRST_MINUTE + day.restartAfter;
  const reimportAt = FIRST_MINUTE + day.reimportAfter;
  let restarted = false;
  let reimported = false;
  for (const [i, job] of jobs.entries()) {
    const minute = FIRST_MINUTE + Math.floor((i * (LAST_MINUTE - FIRST_MINUTE)) / Math.max(1, jobs.length));
    if (!restarted && minute >= restartAt) restarted = (await player.restart(), true);
    if (!reimported && minute >= reimportAt) reimported = (await player.importDay(day), true);
    await at(hhmm(minute));
    if (i % TICK_EVERY === 0) await at(hhmm(minute));
    await work(player, day, job, at, minute);
  }
  if (!restarted) await player.restart();
  await at('16:50');
  await requestOvertime(player, day, day.events.overtime);
  await at('17:15');
  await player.noteHolders(); // before the carry-over: the next day's assignment may give an order to someone else
  await at('17:45');
  for (const [i, job] of all.filter((j) => overtime.has(j.visit.order.orderNo)).entries()) {
    await at(hhmm(OVERTIME_FROM + 10 * i));
    await work(player, day, job, at, OVERTIME_FROM + 10 * i);
  }
  await at('18:50');
  await player.press(day.supervisor, '承認');
  await at('19:00');
  await nightComplaint(player, day, plan.workers[0]!, at);
  await at('23:30');
}
