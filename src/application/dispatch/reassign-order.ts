import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { DEFAULT_CHAT_POLICY, allows } from '../../domain/privacy/chat-policy.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { moveOrder, type MoveOrderResult } from '../assignment/move-order.ts';
import { plainView } from '../chat/dispatcher.ts';
import { sendChannelDay, sendWorkerDay } from './day-refresh.ts';
import { kindText } from './day-views.ts';
import type { AssignedOrder } from './ports.ts';
import { resolveDayOrder, resolveWorker } from './refs.ts';
import type { SupervisionDeps } from './supervision-ports.ts';

export interface ReassignInput {
  actor: { personId: string; channel: string };
  orderRef: string;
  workerRef: string;
}

type Names = Map<string, string>;

/**
 * 振替: the day's supervisor gives an order to another worker on duty. The move is pinned (moveOrder), both
 * workers' day messages are updated in place and each gets a short notice; the bureau channel's counts follow.
 * Returns the supervisor's confirmation; refusals are AppErrors with the Japanese reason.
 */
export async function reassignOrder(deps: SupervisionDeps, input: ReassignInput): Promise<string> {
  const date = tokyoDate(deps.clock.now());
  const staffing = await deps.team.staffing(date);
  if (!staffing.supervisors.includes(input.actor.personId)) {
    throw new AppError(ErrorCode.Forbidden, t('dispatch.reassign.notSupervisor'));
  }
  const orderNo = await resolveDayOrder(deps.index, date, input.orderRef);
  const names = await deps.team.displayNames();
  const to = resolveWorker(input.workerRef, staffing, names);
  const holder = (await deps.orders.assignedOrders(date)).find((o) => o.orderNo === orderNo)?.personId;
  if (holder === to) throw new AppError(ErrorCode.Conflict, t('dispatch.reassign.same', { orderNo, name: names.get(to) ?? to }));
  const moved = await moveOrder(deps.assignment, { orderNo, to, actorId: input.actor.personId, channel: input.actor.channel });
  const order = await tellWorkers(deps, moved, names);
  await sendChannelDay(deps, moved.date);
  deps.logger.info('order reassigned in chat', { orderNo, from: moved.from, to, by: input.actor.personId });
  return t('dispatch.reassign.done', {
    orderNo,
    kind: kindText(order),
    town: order.town,
    from: moved.from ? (names.get(moved.from) ?? moved.from) : t('assign.move.noneBefore'),
    to: names.get(to) ?? to,
    visit: order.visitOrder,
  });
}

/** Both day messages updated in place, then a notice to each worker (the new one sees the address). */
async function tellWorkers(deps: SupervisionDeps, moved: MoveOrderResult, names: Names): Promise<AssignedOrder> {
  const policy = deps.privacy ?? DEFAULT_CHAT_POLICY;
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : t('assign.move.noneBefore'));
  const toOrders = await deps.orders.assignedOrders(moved.date, moved.to);
  const order = toOrders.find((o) => o.orderNo === moved.orderNo)!;
  await sendWorkerDay(deps, moved.date, moved.to, toOrders);
  const place = allows(policy, 'address', 'assigneeDirect') ? order.address : order.town;
  const common = { orderNo: order.orderNo, kind: kindText(order) };
  await deps.gateway.send(
    { personId: moved.to },
    plainView(t('dispatch.reassign.toNew', { ...common, place, visit: order.visitOrder, from: nameOf(moved.from) })),
  );
  if (moved.from) {
    await sendWorkerDay(deps, moved.date, moved.from);
    const town = allows(policy, 'address', 'otherDirect') ? order.address : order.town;
    await deps.gateway.send({ personId: moved.from }, plainView(t('dispatch.reassign.toOld', { ...common, town, to: nameOf(moved.to) })));
  }
  return order;
}
