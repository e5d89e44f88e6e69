import type { DeliveryReport } from '../chat/delivery.ts';
import { contactLinesOf } from './contact-lines.ts';
import { benchedNote, channelDayView, workerDayViews } from './day-views.ts';
import type { AssignedOrder } from './ports.ts';
import type { DayViewDeps } from './supervision-ports.ts';

/** Why the worker has no orders, when their ID card keeps them from work. */
async function idleNote(deps: DayViewDeps, date: string, personId: string): Promise<string | undefined> {
  const [staffing, names] = await Promise.all([deps.team.staffing(date), deps.team.names()]);
  return benchedNote(staffing, personId, (id) => names.get(id) ?? id);
}

/**
 * A worker's day views as they stand now, sent with their keys (day:<date>:<person>[:partN]) so the messages of
 * the morning post are updated in place. `orders` when the caller has them already (in visit order).
 */
export async function sendWorkerDay(
  deps: DayViewDeps,
  date: string,
  personId: string,
  orders?: AssignedOrder[],
): Promise<DeliveryReport[]> {
  const mine = orders ?? (await deps.orders.assignedOrders(date, personId));
  const extra = await contactLinesOf(deps, mine);
  const idle = mine.length === 0 ? await idleNote(deps, date, personId) : undefined;
  const reports: DeliveryReport[] = [];
  for (const view of workerDayViews(date, personId, mine, extra, idle)) reports.push(await deps.gateway.send({ personId }, view));
  return reports;
}

/** The bureau channel's staffing message of the date (key day:<date>:bureau), updated in place. */
export async function sendChannelDay(deps: DayViewDeps, date: string): Promise<DeliveryReport> {
  const [staffing, names, orders, unassigned] = await Promise.all([
    deps.team.staffing(date),
    deps.team.names(),
    deps.orders.assignedOrders(date),
    deps.orders.unassignedCount(date),
  ]);
  return deps.gateway.send({ channel: 'bureau' }, channelDayView(staffing, orders, unassigned, (id) => names.get(id) ?? id));
}

/** Re-sends the day views of these workers and the bureau channel's message after a change of the day. */
export async function refreshDay(deps: DayViewDeps, date: string, personIds: Iterable<string>): Promise<void> {
  for (const personId of new Set(personIds)) await sendWorkerDay(deps, date, personId);
  await sendChannelDay(deps, date);
}
