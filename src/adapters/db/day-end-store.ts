import type { Actor } from '../../domain/access/actor.ts';
import type { DayEndStore, NewHandoverNote, NewParkingFee } from '../../application/day-end/ports.ts';
import { isToDo, TO_DO_STATUSES } from '../../domain/day-end/carry-over.ts';
import { addDays, tokyoInstant } from '../../domain/calendar/local-time.ts';
import type { Database, Tx } from './database.ts';

/** Confirmations (DayEndConfirmation), HandoverNote, ParkingFee and the carry-over of open orders, each audited. */
interface AuditRow {
  at: Date;
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after: unknown;
}

async function audit(tx: Tx, row: AuditRow): Promise<void> {
  await tx.auditLog.create({
    data: {
      at: row.at,
      actorId: row.actor.actorId,
      channel: row.actor.channel,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: row.before === undefined ? null : JSON.stringify(row.before),
      after: JSON.stringify(row.after),
    },
  });
}

async function orderIdOf(tx: Tx, orderNo: string | null): Promise<number | null> {
  if (!orderNo) return null;
  const order = await tx.workOrder.findUnique({ where: { orderNo }, select: { id: true } });
  return order?.id ?? null;
}

export function createDayEndStore(db: Database): DayEndStore {
  return {
    confirm(date, personId, at, channel, sourceEventId) {
      return db.write(async (tx) => {
        const found = await tx.dayEndConfirmation.findUnique({ where: { date_personId: { date, personId } } });
        if (found) return { created: false, confirmedAt: found.confirmedAt, sourceEventId: found.sourceEventId };
        const row = await tx.dayEndConfirmation.create({ data: { date, personId, confirmedAt: at, channel, sourceEventId: sourceEventId ?? null } });
        await audit(tx, { at, actor: { actorId: personId, channel }, action: 'dayEnd.confirm', entity: 'DayEndConfirmation', entityId: String(row.id), after: { date, personId } });
        return { created: true, confirmedAt: at, sourceEventId: row.sourceEventId };
      });
    },

    async anyConfirmed(date) {
      return (await db.read.dayEndConfirmation.findFirst({ where: { date }, select: { id: true } })) !== null;
    },

    addHandoverNote(note: NewHandoverNote, at, actor, sourceEventId) {
      return db.write(async (tx) => {
        const added = sourceEventId === undefined ? null : await tx.handoverNote.findUnique({ where: { sourceEventId }, select: { id: true } });
        if (added) return added.id;
        const workOrderId = await orderIdOf(tx, note.orderNo);
        const row = await tx.handoverNote.create({ data: { date: note.date, personId: note.personId, workOrderId, text: note.text, createdAt: at, sourceEventId: sourceEventId ?? null } });
        // The text stays in HandoverNote: free text may name a customer, the audit row records its length.
        const after = { date: note.date, personId: note.personId, orderNo: note.orderNo, chars: note.text.length };
        await audit(tx, { at, actor, action: 'handoverNote.add', entity: 'HandoverNote', entityId: String(row.id), after });
        return row.id;
      });
    },

    addParkingFee(fee: NewParkingFee, at, actor, sourceEventId) {
      return db.write(async (tx) => {
        const added = sourceEventId === undefined ? null : await tx.parkingFee.findUnique({ where: { sourceEventId }, select: { id: true } });
        if (added) return added.id;
        const workOrderId = await orderIdOf(tx, fee.orderNo);
        const row = await tx.parkingFee.create({
          data: { date: fee.date, personId: fee.personId, workOrderId, amountYen: fee.amountYen, note: fee.note, createdAt: at, sourceEventId: sourceEventId ?? null },
        });
        const after = { date: fee.date, personId: fee.personId, orderNo: fee.orderNo, amountYen: fee.amountYen };
        await audit(tx, { at, actor, action: 'parkingFee.add', entity: 'ParkingFee', entityId: String(row.id), after });
        return row.id;
      });
    },

    async resultsRecordedOn(orderNos, date) {
      if (orderNos.length === 0) return [];
      const rows = await db.read.taskResult.findMany({
        where: { recordedAt: { gte: tokyoInstant(date), lt: tokyoInstant(addDays(date, 1)) }, workOrder: { orderNo: { in: [...orderNos] } } },
        select: { workOrder: { select: { orderNo: true } } },
      });
      return rows.map((r) => r.workOrder.orderNo);
    },
    carryOver(orderNos, from, to, at) {
      return db.write(async (tx) => {
        const carried: string[] = [];
        for (const orderNo of orderNos) {
          const order = await tx.workOrder.findUnique({ where: { orderNo }, select: { id: true, status: true, scheduledDate: true, carriedSince: true, result: { select: { id: true } } } });
          if (!order || order.result || !isToDo(order.status)) continue;
          await tx.workOrder.update({ where: { id: order.id }, data: { status: 'carried_over', scheduledDate: to, carriedSince: order.carriedSince ?? order.scheduledDate } });
          const before = { status: order.status, scheduledDate: order.scheduledDate };
          const after = { status: 'carried_over', scheduledDate: to, carriedFrom: from };
          await audit(tx, { at, actor: { actorId: null, channel: 'system' }, action: 'workOrder.carryOver', entity: 'WorkOrder', entityId: orderNo, before, after });
          carried.push(orderNo);
        }
        return carried;
      });
    },
    carryStranded(to, at) {
      return db.write(async (tx) => {
        const stranded = await tx.workOrder.findMany({
          where: { scheduledDate: { lt: to }, status: { in: [...TO_DO_STATUSES] }, result: { is: null } },
          select: { id: true, orderNo: true, status: true, scheduledDate: true, carriedSince: true },
          orderBy: { orderNo: 'asc' },
        });
        for (const order of stranded) {
          await tx.workOrder.update({ where: { id: order.id }, data: { status: 'carried_over', scheduledDate: to, carriedSince: order.carriedSince ?? order.scheduledDate } });
          const before = { status: order.status, scheduledDate: order.scheduledDate };
          const after = { status: 'carried_over', scheduledDate: to, carriedFrom: order.scheduledDate, stranded: true };
          await audit(tx, { at, actor: { actorId: null, channel: 'system' }, action: 'workOrder.carryOver', entity: 'WorkOrder', entityId: order.orderNo, before, after });
        }
        return stranded.map((o) => ({ orderNo: o.orderNo, from: o.scheduledDate }));
      });
    },
  };
}
