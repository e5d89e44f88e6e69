import type { ChatPerson } from '../chat/ports.ts';
import type { MessageView } from '../chat/view.ts';
import { progressView } from './progress-view.ts';
import type { DayViewDeps } from './supervision-ports.ts';

/** The day's supervisors (業務責任者) see everyone's progress and may reassign; the bureau and admins see it too. */
export async function isSupervisorOn(deps: Pick<DayViewDeps, 'team'>, date: string, personId: string): Promise<boolean> {
  return (await deps.team.staffing(date)).supervisors.includes(personId);
}

/**
 * 「進捗」: everyone's progress of the date for the day's supervisor, the bureau and admins. Undefined for anyone
 * else (a worker asking 進捗 means their own orders: the chat answers that as 「残り」).
 */
export async function showProgress(deps: DayViewDeps, person: ChatPerson, date: string): Promise<MessageView | undefined> {
  const [staffing, names, orders, unassigned] = await Promise.all([
    deps.team.staffing(date),
    deps.team.names(),
    deps.orders.assignedOrders(date),
    deps.orders.unassignedCount(date),
  ]);
  const supervisor = staffing.supervisors.includes(person.id);
  if (!supervisor && person.affiliation !== 'bureau' && !person.isAdmin) return undefined;
  return progressView({ staffing, orders, unassigned, nameOf: (id) => names.get(id) ?? id, canReassign: supervisor });
}
