import { assertDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { ChatGateway, DeliveryReport } from '../chat/delivery.ts';
import type { Logger } from '../ports.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import { contactLinesOf } from './contact-lines.ts';
import { benchedNote, channelDayView, workerDayViews } from './day-views.ts';
import type { AssignedOrder, DayOrdersReader, DayTeamReader, PostDay, PostDayReport } from './ports.ts';
import type { OrderContactsReader } from './supervision-ports.ts';

export interface PostDayDeps {
  orders: DayOrdersReader;
  team: DayTeamReader;
  gateway: Pick<ChatGateway, 'send'>;
  logger: Logger;
  /** What of an order the worker's own DM may show beyond the address (default policy: nothing personal). */
  privacy?: ChatPrivacyPolicy;
  contacts?: OrderContactsReader;
}

function groupByPerson(orders: AssignedOrder[]): Map<string, AssignedOrder[]> {
  const byPerson = new Map<string, AssignedOrder[]>();
  for (const order of orders) byPerson.set(order.personId, [...(byPerson.get(order.personId) ?? []), order]);
  for (const list of byPerson.values()) list.sort((a, b) => a.visitOrder - b.visitOrder);
  return byPerson;
}

function record(report: PostDayReport, to: string, delivery: DeliveryReport): void {
  report.messages += delivery.delivered.length;
  const queued = delivery.queued?.length ?? 0;
  if (queued > 0) report.queued = (report.queued ?? 0) + queued;
  for (const f of delivery.failures) report.failures.push({ to, reason: f.reason });
}

/**
 * The morning post (spec 11(1), 15(2)イ): the bureau channel gets the day's staffing and supervisors, each worker
 * on duty (or holding orders) a DM with their orders in visit order and a result and a doubt button per order.
 * Posting again updates the same messages (keys day:<date>:<person>).
 */
export function createPostDay(deps: PostDayDeps): PostDay {
  return async (date) => {
    try {
      assertDate(date);
    } catch {
      throw new AppError(ErrorCode.InvalidInput, t('dispatch.badDate', { value: date }));
    }
    const [staffing, names, orders, unassigned] = await Promise.all([
      deps.team.staffing(date),
      deps.team.names(),
      deps.orders.assignedOrders(date),
      deps.orders.unassignedCount(date),
    ]);
    const nameOf = (id: string) => names.get(id) ?? id;
    const byPerson = groupByPerson(orders);
    // Supervisors stay at the bureau office: they get a DM only when they hold orders themselves.
    const workers = staffing.onDuty.filter((id) => !staffing.supervisors.includes(id));
    const recipients = [...new Set([...workers, ...byPerson.keys()])];
    const report: PostDayReport = { date, workers: recipients.length, orders: orders.length, messages: 0, failures: [] };
    record(report, 'bureau', await deps.gateway.send({ channel: 'bureau' }, channelDayView(staffing, orders, unassigned, nameOf)));
    for (const personId of recipients) {
      const mine = byPerson.get(personId) ?? [];
      const idle = benchedNote(staffing, personId, nameOf);
      for (const view of workerDayViews(date, personId, mine, await contactLinesOf(deps, mine), idle)) {
        record(report, personId, await deps.gateway.send({ personId }, view));
      }
    }
    deps.logger.info('day posted', { date, workers: report.workers, orders: report.orders, queued: report.queued ?? 0, failures: report.failures.length });
    return report;
  };
}
