import type { PendingReply, PendingReplyStore } from '../../application/results/ports.ts';
import type { Database, Tx } from './database.ts';

/** The step of a conversation row whose result is recorded: kept (until the next conversation) for replays. */
export const CLOSED_STEP = 'closed';

/**
 * Steps of a row that holds a form conversation (form-conversation-store.ts) instead of a result's: the person's one
 * text conversation is either. The results flow sees no such row.
 */
export const FORM_STEPS = { open: 'form', ended: 'form:ended' } as const;
export const isFormStep = (step: string): boolean => step === FORM_STEPS.open || step === FORM_STEPS.ended;
/** Steps of a row that holds the day-end carry-over question (carry-question-store.ts): not a result's either. */
export const CARRY_STEPS = { open: 'dayEnd:carry', answered: 'dayEnd:carried' } as const;
const isOtherStep = (step: string): boolean => isFormStep(step) || step === CARRY_STEPS.open || step === CARRY_STEPS.answered;

/**
 * The newest inbound event stored so far, null when there is none. Ids only grow, in commit order (SQLite's
 * AUTOINCREMENT under its write lock; on PostgreSQL the inbox takes the write lock before its id: inbox-store.ts).
 */
export async function newestInboundId(tx: Tx): Promise<number | null> {
  // Not aggregate _max: Prisma wraps it in a subquery SQLite answers by scanning every event.
  return (await tx.inboundEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? null;
}

const maxOf = (a: number | null, b: number | null | undefined) => (a === null ? (b ?? null) : b === null || b === undefined ? a : Math.max(a, b));

/** The inbound event a question is asked after (read in the write transaction: a later event is its answer). */
export async function askedAfterCursor(tx: Tx, sourceEventId: number | null | undefined): Promise<number | null> {
  return maxOf(await newestInboundId(tx), sourceEventId);
}

/** PendingReply rows: one text conversation per person, replaced by the next one. */
export function createPendingReplyStore(db: Database): PendingReplyStore {
  return {
    async get(personId): Promise<PendingReply | undefined> {
      const row = await db.read.pendingReply.findUnique({ where: { personId } });
      if (!row || row.step === CLOSED_STEP || isOtherStep(row.step)) return undefined;
      const orderNo = (JSON.parse(row.draft) as { orderNo?: unknown }).orderNo;
      return {
        personId,
        orderNo: typeof orderNo === 'string' ? orderNo : '',
        step: row.step,
        state: row.draft,
        expiresAt: row.expiresAt,
        sourceEventId: row.sourceEventId,
        askedAfterEventId: row.askedAfterEventId,
        said: row.said,
      };
    },
    put: (reply, options = {}) =>
      db.write(async (tx) => {
        const before = await tx.pendingReply.findUnique({ where: { personId: reply.personId }, select: { step: true, askedAfterEventId: true } });
        const kept = options.sameQuestion && before && before.step !== CLOSED_STEP && !isOtherStep(before.step) ? before.askedAfterEventId : null;
        // Read in the write transaction: an event stored after this commit gets a greater id (the answer).
        const askedAfterEventId = kept ?? (await askedAfterCursor(tx, reply.sourceEventId));
        const order = await tx.workOrder.findUnique({ where: { orderNo: reply.orderNo }, select: { id: true } });
        const data = {
          workOrderId: order?.id ?? null,
          step: reply.step,
          draft: reply.state,
          expiresAt: reply.expiresAt,
          sourceEventId: reply.sourceEventId ?? null,
          askedAfterEventId,
          said: reply.said ?? null,
        };
        await tx.pendingReply.upsert({ where: { personId: reply.personId }, create: { personId: reply.personId, ...data }, update: data });
      }),
    remove: (personId) => db.write(async (tx) => void (await tx.pendingReply.deleteMany({ where: { personId } }))),
    async markOf(personId, eventId) {
      const row = await db.read.pendingReply.findFirst({ where: { personId, sourceEventId: eventId }, select: { step: true, said: true } });
      return row && !isOtherStep(row.step) ? { said: row.said, closed: row.step === CLOSED_STEP } : undefined;
    },
  };
}
