import type { PendingReplyStore } from '../../application/results/ports.ts';
import type { Database } from './database.ts';

/** PendingReply rows: one text conversation per person, replaced by the next one. */
export function createPendingReplyStore(db: Database): PendingReplyStore {
  return {
    async get(personId) {
      const row = await db.read.pendingReply.findUnique({ where: { personId } });
      if (!row) return undefined;
      const orderNo = (JSON.parse(row.draft) as { orderNo?: unknown }).orderNo;
      return { personId, orderNo: typeof orderNo === 'string' ? orderNo : '', step: row.step, state: row.draft, expiresAt: row.expiresAt };
    },
    put: (reply) =>
      db.write(async (tx) => {
        const order = await tx.workOrder.findUnique({ where: { orderNo: reply.orderNo }, select: { id: true } });
        const data = { workOrderId: order?.id ?? null, step: reply.step, draft: reply.state, expiresAt: reply.expiresAt };
        await tx.pendingReply.upsert({ where: { personId: reply.personId }, create: { personId: reply.personId, ...data }, update: data });
      }),
    remove: (personId) => db.write(async (tx) => void (await tx.pendingReply.deleteMany({ where: { personId } }))),
  };
}
