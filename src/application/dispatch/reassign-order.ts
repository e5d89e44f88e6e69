import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { DEFAULT_CHAT_POLICY, allows } from '../../domain/privacy/chat-policy.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { moveOrder } from '../assignment/move-order.ts';
import type { EventMove } from '../assignment/ports.ts';
import { plainView } from '../chat/dispatcher.ts';
import { eventAnswerKey } from '../chat/respond.ts';
import { sendChannelDay, sendWorkerDay } from './day-refresh.ts';
import { kindText } from './day-views.ts';
import type { AssignedOrder } from './ports.ts';
import { reassignCandidates, resolveDayOrder, resolveWorker } from './refs.ts';
import type { SupervisionDeps } from './supervision-ports.ts';

export interface ReassignInput {
  actor: { personId: string; channel: string };
  orderRef: string;
  workerRef: string;
  /** The inbound chat event (振替 or its form): its replay after a crash moves nothing again and tells the same. */
  eventId?: number;
}

type Names = Map<string, string>;

/**
 * 振替: the day's supervisor gives an order of today to another worker on duty, on today (a carried-over order still
 * assigned on its old day is assigned on today). The move is pinned (moveOrder), both
 * workers' day messages are updated in place and each gets a short notice; the bureau channel's counts follow.
 * Returns the supervisor's confirmation; refusals are AppErrors with the Japanese reason. The replay of the event
 * that moved it (a crash before it was marked done) moves nothing: the same messages go out again (the outbox drops
 * those delivered already) and the supervisor gets the same confirmation.
 */
export async function reassignOrder(deps: SupervisionDeps, input: ReassignInput): Promise<string> {
  const done = input.eventId === undefined ? undefined : await deps.assignment.store.moveOfEvent(input.eventId);
  if (done) {
    deps.logger.info('replayed event: order moved before, told again', { orderNo: done.orderNo, eventId: input.eventId });
    return announceMove(deps, done, await deps.team.names(), input.eventId);
  }
  const date = tokyoDate(deps.clock.now());
  const staffing = await deps.team.staffing(date);
  if (!staffing.supervisors.includes(input.actor.personId)) {
    throw new AppError(ErrorCode.Forbidden, t('dispatch.reassign.notSupervisor'));
  }
  const orderNo = await resolveDayOrder(deps.index, date, input.orderRef);
  const names = await deps.team.names();
  const dayOrders = await deps.orders.assignedOrders(date);
  const to = resolveWorker(input.workerRef, reassignCandidates(staffing, dayOrders), names);
  const holder = dayOrders.find((o) => o.orderNo === orderNo)?.personId;
  if (holder === to) throw new AppError(ErrorCode.Conflict, t('dispatch.reassign.same', { orderNo, name: names.get(to) ?? to }));
  // The supervisor stays at the bureau office (spec 10(2)); only on a day they already do field work may they take more.
  if (staffing.supervisors.includes(to) && !dayOrders.some((o) => o.personId === to)) {
    throw new AppError(ErrorCode.InvalidInput, t('dispatch.reassign.toSupervisor', { name: names.get(to) ?? to }));
  }
  const eventId = input.eventId === undefined ? {} : { eventId: input.eventId };
  const moved = await moveOrder(deps.assignment, { orderNo, to, date, actorId: input.actor.personId, channel: input.actor.channel, ...eventId });
  deps.logger.info('order reassigned in chat', { orderNo, from: moved.from, to, by: input.actor.personId });
  return announceMove(deps, moved, names, input.eventId);
}

/** The workers and the bureau channel are told, and the supervisor's confirmation is worded. */
async function announceMove(deps: SupervisionDeps, moved: EventMove, names: Names, eventId: number | undefined): Promise<string> {
  if (!(await deps.dayPosted(moved.date))) {
    const order = (await deps.orders.assignedOrders(moved.date, moved.to)).find((o) => o.orderNo === moved.orderNo)!;
    return t('dispatch.reassign.beforePost', { orderNo: moved.orderNo, kind: kindText(order), town: order.town, to: names.get(moved.to) ?? moved.to, visit: order.visitOrder });
  }
  const order = await tellWorkers(deps, moved, names, eventId);
  await sendChannelDay(deps, moved.date);
  const params = { orderNo: moved.orderNo, kind: kindText(order), town: order.town, to: names.get(moved.to) ?? moved.to, visit: order.visitOrder };
  return moved.from ? t('dispatch.reassign.done', { ...params, from: names.get(moved.from) ?? moved.from }) : t('dispatch.reassign.doneUnassigned', params);
}

/**
 * Both day messages updated in place, then a notice to each worker (the new one sees the address). The notices carry
 * a key of the event (when there is one), so its replay sends each once at most.
 */
async function tellWorkers(deps: SupervisionDeps, moved: EventMove, names: Names, eventId: number | undefined): Promise<AssignedOrder> {
  const keyOf = (part: string) => (eventId === undefined ? undefined : eventAnswerKey(eventId, part));
  const policy = deps.privacy ?? DEFAULT_CHAT_POLICY;
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : t('assign.move.noneBefore'));
  const toOrders = await deps.orders.assignedOrders(moved.date, moved.to);
  const order = toOrders.find((o) => o.orderNo === moved.orderNo)!;
  await sendWorkerDay(deps, moved.date, moved.to, toOrders);
  const place = allows(policy, 'address', 'assigneeDirect') ? order.address : order.town;
  const common = { orderNo: order.orderNo, kind: kindText(order) };
  await deps.gateway.send(
    { personId: moved.to },
    plainView(
      moved.from
        ? t('dispatch.reassign.toNew', { ...common, place, visit: order.visitOrder, from: nameOf(moved.from) })
        : t('dispatch.reassign.toNewUnassigned', { ...common, place, visit: order.visitOrder }),
      keyOf('toNew'),
    ),
  );
  if (moved.from) {
    await sendWorkerDay(deps, moved.date, moved.from);
    const town = allows(policy, 'address', 'otherDirect') ? order.address : order.town;
    await deps.gateway.send({ personId: moved.from }, plainView(t('dispatch.reassign.toOld', { ...common, town, to: nameOf(moved.to) }), keyOf('toOld')));
  }
  return order;
}
