import type { WorkerPlan } from '../../domain/assignment/assign-orders.ts';
import { insertOrder } from '../../domain/assignment/insert-order.ts';
import { isAppError } from '../../errors.ts';
import { pickTeam, readDutyDay } from '../assignment/day-team.ts';
import { changedRows, toDayOrderInput } from '../assignment/plan-rows.ts';
import type { AssignmentDeps, DayOrderRecord } from '../assignment/ports.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';

export type PlaceOutcome =
  | { placed: true; orderNo: string; personId: string; visitOrder: number; addedKm: number | null }
  | { placed: false; orderNo: string; reason: 'notPlaceable' | 'dayNotAssigned' | 'nobodyOnDuty' };

const SYSTEM = { actorId: null, channel: 'system' } as const;

/**
 * An order the bureau added to today while the day runs goes into the route of the field worker where it adds the
 * least distance, workload balance considered (domain insertOrder); nobody else's visit order changes. Not pinned:
 * a later `assign` run may move it. Left alone when the day has not been assigned yet (the assign run takes it).
 * One transaction with its audit row.
 */
export async function placeNewOrder(deps: AssignmentDeps, orderNo: string, date: string): Promise<PlaceOutcome> {
  return deps.store.inTransaction(async (unit) => {
    const order = await unit.orderByNo(orderNo);
    if (!order || order.assignment || order.hasResult || !isToDo(order.status) || order.scheduledDate !== date) {
      return { placed: false, orderNo, reason: 'notPlaceable' };
    }
    const assigned = (await unit.dayOrders(date)).filter((r) => r.assignment?.date === date);
    if (assigned.length === 0) return { placed: false, orderNo, reason: 'dayNotAssigned' };
    // A closed day (readDutyDay refuses it) or nobody on duty: the supervisor is told the order is not placed.
    const duty = await readDutyDay(unit, date, deps.isWorkDay(date)).catch((e: unknown) => {
      if (isAppError(e)) return undefined;
      throw e;
    });
    const team = duty && duty.staffing.onDuty.length > 0 ? pickTeam(duty, false) : undefined;
    const insertion = team && team.workers.length > 0
      ? insertOrder({
          workers: team.workers,
          orders: assigned.map((r) => toDayOrderInput(r, { workerId: r.assignment!.personId, fixed: true })),
          order: toDayOrderInput(order, { workerId: null, fixed: false }),
          depot: deps.depot,
        })
      : null;
    if (!insertion) return { placed: false, orderNo, reason: 'nobodyOnDuty' };
    const byOrderNo = new Map<string, DayOrderRecord>([...assigned, order].map((r) => [r.orderNo, r]));
    const plan: WorkerPlan = { workerId: insertion.workerId, orders: insertion.orders, workload: insertion.openWorkload, routeKm: null, estimatedPositions: 0 };
    await unit.saveAssignments(changedRows([plan], byOrderNo, date, (r) => r.assignment?.pinned ?? false), SYSTEM.actorId);
    await unit.audit({
      ...SYSTEM,
      action: 'assignment.insert',
      entity: 'WorkOrder',
      entityId: orderNo,
      before: null,
      after: { personId: insertion.workerId, visitOrder: insertion.position, addedKm: insertion.addedKm, pinned: false },
    });
    return { placed: true, orderNo, personId: insertion.workerId, visitOrder: insertion.position, addedKm: insertion.addedKm };
  });
}
