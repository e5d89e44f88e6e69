import type { CaseChange } from '../../application/cases/ports.ts';
import { DOUBT_STATES, type DoubtChain, type DoubtPatch, type DoubtRecord, type DoubtState, type DoubtStore } from '../../application/doubts/doubt-record.ts';
import { applyCaseEffects, attachmentRows, notifiedOf, sourceEventsOf } from './case-effects.ts';
import type { Database, Tx } from './database.ts';

async function readDoubt(client: Tx, id: number): Promise<DoubtRecord | undefined> {
  const row = await client.doubt.findUnique({
    where: { id },
    include: { workOrder: { select: { orderNo: true } }, _count: { select: { attachments: true } } },
  });
  if (!row) return undefined;
  const { workOrder, _count, chainSnapshot, workOrderId: _w, ...rest } = row;
  const state = (DOUBT_STATES as readonly string[]).includes(row.state) ? (row.state as DoubtState) : 'open';
  return {
    ...rest,
    state,
    orderNo: workOrder?.orderNo ?? null,
    chain: JSON.parse(chainSnapshot) as DoubtChain,
    attachmentCount: _count.attachments,
    notified: await notifiedOf(client, 'doubt', id),
    sourceEvents: await sourceEventsOf(client, 'doubt', id),
  };
}

async function applyChange<T>(tx: Tx, doubt: DoubtRecord, at: Date, change: CaseChange<DoubtPatch, T>): Promise<{ record: DoubtRecord; result: T }> {
  const { addAttachments, ...patch } = change.patch ?? {};
  if (Object.keys(patch).length > 0) await tx.doubt.update({ where: { id: doubt.id }, data: patch });
  if (addAttachments?.length) {
    await tx.attachment.createMany({ data: attachmentRows(addAttachments).map((a) => ({ ...a, doubtId: doubt.id })) });
  }
  await applyCaseEffects(tx, 'doubt', doubt.id, at, change.effects);
  return { record: (await readDoubt(tx, doubt.id))!, result: change.result };
}

/** Doubts with their chain snapshot, attachments and CaseEvents; every change in one transaction of the funnel. */
export function createDoubtStore(db: Database): DoubtStore {
  return {
    create: (input, start) =>
      db.write(async (tx) => {
        // The event that raised it is replayed after a crash: the doubt it raised stands, nothing starts again.
        const raised = input.sourceEventId == null ? null : await tx.doubt.findUnique({ where: { sourceEventId: input.sourceEventId }, select: { id: true } });
        if (raised) return (await readDoubt(tx, raised.id))!;
        const order = input.orderNo ? await tx.workOrder.findUnique({ where: { orderNo: input.orderNo }, select: { id: true } }) : null;
        const row = await tx.doubt.create({
          data: {
            workOrderId: order?.id ?? null,
            raisedById: input.raisedById,
            text: input.text,
            chainSnapshot: JSON.stringify(input.chain),
            raisedAt: input.raisedAt,
            sourceEventId: input.sourceEventId ?? null,
            attachments: { create: attachmentRows(input.attachments) },
          },
        });
        const created = (await readDoubt(tx, row.id))!;
        return (await applyChange(tx, created, input.raisedAt, start(created))).record;
      }),
    get: (id) => readDoubt(db.read, id),
    async bySourceEvent(eventId) {
      const row = await db.read.doubt.findUnique({ where: { sourceEventId: eventId }, select: { id: true } });
      return row ? readDoubt(db.read, row.id) : undefined;
    },
    change: (id, at, decide) =>
      db.write(async (tx) => {
        const doubt = await readDoubt(tx, id);
        return doubt ? applyChange(tx, doubt, at, decide(doubt)) : undefined;
      }),
  };
}
