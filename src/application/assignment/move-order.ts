import { isAvailableOn } from '../../domain/staffing/availability.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import { planRoutes } from '../../domain/assignment/assign-orders.ts';
import { namesOf, readDutyDay } from './day-team.ts';
import { changedRows, summarise, toDayOrderInput, type WorkerSummary } from './plan-rows.ts';
import type { Actor, AssignmentDeps, AssignmentUnit, DayOrderRecord } from './ports.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';
import { blocksDispatch, idCardStatus } from '../../domain/staffing/id-card.ts';

/**
 * The supervisor gives one order to another worker. The order is pinned there (later runs of
 * `assign` leave it), and the visit order of both workers is planned again. One transaction,
 * one audit row with the worker before and after.
 */
export interface MoveOrderInput extends Actor {
  orderNo: string;
  to: string;
  /** The day to assign it on (振替: today); default: the day of its assignment, else its scheduled date. */
  date?: string;
  /** The inbound chat event (振替) moving it: kept with the assignment, so the event's replay moves nothing again. */
  eventId?: number;
}

export interface MoveOrderResult {
  orderNo: string;
  date: string;
  from: string | null;
  to: string;
  workers: WorkerSummary[];
}

export async function moveOrder(deps: AssignmentDeps, input: MoveOrderInput): Promise<MoveOrderResult> {
  return deps.store.inTransaction(async (unit) => {
    const order = await movableOrder(unit, input.orderNo);
    const date = input.date ?? order.assignment?.date ?? order.scheduledDate;
    const duty = await readDutyDay(unit, date, deps.isWorkDay(date));
    await assertOnDuty(unit, input.to, date, duty.staffing.onDuty);
    // An assignment of another day (a carried-over order not yet assigned again) holds nothing on this one.
    const heldOn = (r: DayOrderRecord) => (r.assignment?.date === date ? r.assignment : null);
    const current = heldOn(order);
    const from = current?.personId ?? null;
    const records = await unit.dayOrders(date);
    const holderOf = (r: DayOrderRecord) => (r.orderNo === order.orderNo ? input.to : (heldOn(r)?.personId ?? null));
    const workers = [...new Set([input.to, ...(from ? [from] : [])])];
    const plans = planRoutes({
      workers,
      orders: records.filter((r) => holderOf(r) !== null).map((r) => toDayOrderInput(r, { workerId: holderOf(r), fixed: true })),
      depot: deps.depot,
    });
    const byOrderNo = new Map(records.map((r) => [r.orderNo, r]));
    const pinnedOf = (r: DayOrderRecord) => r.orderNo === order.orderNo || (heldOn(r)?.pinned ?? false);
    await unit.saveAssignments(changedRows(plans, byOrderNo, date, pinnedOf), input.actorId);
    if (input.eventId !== undefined) await unit.markMoved(order.workOrderId, input.eventId, from);
    const after = plans.flatMap((p) => p.orders.map((no, i) => ({ no, personId: p.workerId, visitOrder: i + 1 })));
    await unit.audit({
      actorId: input.actorId,
      channel: input.channel,
      action: 'assignment.move',
      entity: 'WorkOrder',
      entityId: order.orderNo,
      before: current ? { personId: from, visitOrder: current.visitOrder, pinned: current.pinned } : null,
      after: { personId: input.to, visitOrder: after.find((a) => a.no === order.orderNo)!.visitOrder, pinned: true },
    });
    const names = await namesOf(unit, workers, duty.people);
    return { orderNo: order.orderNo, date, from, to: input.to, workers: summarise(plans, names, byOrderNo, pinnedOf) };
  });
}

async function movableOrder(unit: AssignmentUnit, orderNo: string): Promise<DayOrderRecord> {
  const order = await unit.orderByNo(orderNo);
  if (!order) throw new AppError(ErrorCode.NotFound, t('assign.move.error.notFound', { orderNo }));
  if (order.hasResult) throw new AppError(ErrorCode.Conflict, t('assign.move.error.hasResult', { orderNo }));
  if (!isToDo(order.status)) {
    const status = hasTemplate(`assign.status.${order.status}`) ? templateText(`assign.status.${order.status}`) : order.status;
    throw new AppError(ErrorCode.Conflict, t('assign.move.error.notOpen', { orderNo, status }));
  }
  return order;
}

async function assertOnDuty(unit: AssignmentUnit, personId: string, date: string, onDuty: readonly string[]): Promise<void> {
  const person = await unit.person(personId);
  if (!person || !person.active) throw new AppError(ErrorCode.NotFound, t('assign.move.error.unknownWorker', { personId }));
  if (!onDuty.includes(personId)) {
    throw new AppError(ErrorCode.InvalidInput, t('assign.move.error.notOnDuty', { personId, name: person.name, date }));
  }
  const card = idCardStatus(person.idCard, isAvailableOn(person, date), date).state;
  if (blocksDispatch(card)) {
    throw new AppError(ErrorCode.InvalidInput, t('assign.move.error.idCard', { personId, name: person.name, state: templateText(`assign.cardState.${card}`) }));
  }
}
