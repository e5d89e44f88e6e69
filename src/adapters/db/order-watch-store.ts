import type { ImportChange, OrderWatchStore, WatchedOrder } from '../../application/dispatch/supervision-ports.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database } from './database.ts';

const MARK = 'order-watch';

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === 'P2002' || /UNIQUE constraint failed/i.test(String((e as Error).message));

function parseAfter(after: string | null): Record<string, unknown> {
  if (!after) return {};
  try {
    const value = JSON.parse(after) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** No personal column: what the watch decides on and what a notice may show. */
const ORDER_SELECT = {
  id: true,
  orderNo: true,
  kind: true,
  meterWork: true,
  diameterMm: true,
  address: true,
  town: true,
  status: true,
  scheduledDate: true,
  result: { select: { id: true } },
  assignment: { select: { personId: true, date: true, visitOrder: true } },
} as const;

async function changesSince(db: Database, mark: Date, date: string): Promise<ImportChange[]> {
  const audits = await db.read.auditLog.findMany({
    where: { at: { gt: mark }, action: { in: ['workOrder.update', 'workOrder.import'] } },
    select: { id: true, at: true, action: true, entityId: true, after: true },
    orderBy: { id: 'asc' },
  });
  const changes: ImportChange[] = audits.flatMap((a) =>
    a.action === 'workOrder.update' && a.entityId
      ? [{ orderNo: a.entityId, version: `update:${a.id}`, at: a.at, source: 'update' as const, changed: parseAfter(a.after) }]
      : [],
  );
  if (audits.some((a) => a.action === 'workOrder.import')) {
    const inserted = await db.read.workOrder.findMany({
      where: { scheduledDate: date, importedAt: { gt: mark } },
      select: { orderNo: true, importedAt: true },
    });
    for (const r of inserted) changes.push({ orderNo: r.orderNo, version: 'added', at: r.importedAt, source: 'insert', changed: {} });
  }
  const cancelled = await db.read.assignment.findMany({
    where: { date, workOrder: { status: 'cancelled', updatedAt: { gt: mark } } },
    select: { workOrder: { select: { orderNo: true, updatedAt: true } } },
  });
  for (const { workOrder: w } of cancelled) changes.push({ orderNo: w.orderNo, version: 'cancelled', at: w.updatedAt, source: 'cancel', changed: {} });
  return changes;
}

/** Prisma implementation of the order watch's storage: the mark (PollerMark), the changes, the claims (OrderNotice). */
export function createOrderWatchStore(db: Database): OrderWatchStore {
  return {
    async mark() {
      return (await db.read.pollerMark.findUnique({ where: { name: MARK } }))?.mark;
    },
    async advanceMark(to) {
      await db.write(async (tx) => {
        const moved = await tx.pollerMark.updateMany({ where: { name: MARK, mark: { lt: to } }, data: { mark: to } });
        if (moved.count === 0) await tx.pollerMark.upsert({ where: { name: MARK }, create: { name: MARK, mark: to }, update: {} });
      });
    },
    changesSince: (mark, date) => changesSince(db, mark, date),
    async order(orderNo) {
      const row = await db.read.workOrder.findUnique({ where: { orderNo }, select: ORDER_SELECT });
      if (!row) return undefined;
      const { id, result, kind, meterWork, ...rest } = row;
      const order: WatchedOrder = { ...rest, workOrderId: id, kind: kind as TaskKind, meterWork: meterWork as MeterWork | null, hasResult: result !== null };
      return order;
    },
    async claim(workOrderId, version, kind, instanceId, at) {
      try {
        await db.write((tx) => tx.orderNotice.create({ data: { workOrderId, version, kind, instanceId, claimedAt: at } }));
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async release(workOrderId, version) {
      await db.write((tx) => tx.orderNotice.deleteMany({ where: { workOrderId, version } }));
    },
    async dayPosted(date) {
      return (await db.read.outboundMessage.count({ where: { logicalKey: { startsWith: `day:${date}:` } } })) > 0;
    },
  };
}
