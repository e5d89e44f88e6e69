import type { AssignmentDeps, AssignmentRow } from '../assignment/ports.ts';

export interface DroppedOrder {
  orderNo: string;
  personId: string;
  visitOrder: number;
}

/**
 * An order the bureau cancelled or moved to another date leaves the worker's day: its assignment is removed and
 * the worker's later orders move up one place (their order among themselves is kept). One transaction with its
 * audit row. Undefined when the order is not assigned on the date (nothing to drop).
 */
export async function dropOrderFromDay(
  deps: AssignmentDeps,
  orderNo: string,
  date: string,
  reason: 'cancelled' | 'moved',
): Promise<DroppedOrder | undefined> {
  return deps.store.inTransaction(async (unit) => {
    const order = await unit.orderByNo(orderNo);
    const a = order?.assignment;
    if (!order || !a || a.date !== date) return undefined;
    await unit.removeAssignments([order.workOrderId]);
    const rest = (await unit.dayOrders(date))
      .filter((r) => r.assignment?.date === date && r.assignment.personId === a.personId && r.orderNo !== orderNo)
      .sort((x, y) => x.assignment!.visitOrder - y.assignment!.visitOrder);
    const rows: AssignmentRow[] = rest.flatMap((r, i) =>
      r.assignment!.visitOrder === i + 1
        ? []
        : [{ workOrderId: r.workOrderId, personId: a.personId, date, visitOrder: i + 1, pinned: r.assignment!.pinned }],
    );
    await unit.saveAssignments(rows, null);
    await unit.audit({
      actorId: null,
      channel: 'system',
      action: 'assignment.remove',
      entity: 'WorkOrder',
      entityId: orderNo,
      before: { personId: a.personId, visitOrder: a.visitOrder, pinned: a.pinned },
      after: { reason, status: order.status, scheduledDate: order.scheduledDate },
    });
    return { orderNo, personId: a.personId, visitOrder: a.visitOrder };
  });
}
