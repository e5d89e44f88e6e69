import type { CarryQuestion, CarryQuestionStore } from '../../application/day-end/carry-question.ts';
import type { Database } from './database.ts';
import { CARRY_STEPS, askedAfterCursor } from './pending-reply-store.ts';

function parse(draft: string): { date: string; openOrderNos: string[] } | undefined {
  try {
    const d = JSON.parse(draft) as { date?: unknown; openOrderNos?: unknown };
    return typeof d.date === 'string' && Array.isArray(d.openOrderNos) ? { date: d.date, openOrderNos: d.openOrderNos.map(String) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * 「繰越として完了報告しますか」 in the person's one text conversation (PendingReply): a result or a form typed
 * afterwards replaces it, so only an answer that follows it confirms the carry-over.
 */
export function createCarryQuestionStore(db: Database): CarryQuestionStore {
  return {
    async get(personId): Promise<CarryQuestion | undefined> {
      const row = await db.read.pendingReply.findUnique({ where: { personId } });
      const asked = row && (row.step === CARRY_STEPS.open || row.step === CARRY_STEPS.answered) ? parse(row.draft) : undefined;
      if (!row || !asked) return undefined;
      return { ...asked, answered: row.step === CARRY_STEPS.answered, expiresAt: row.expiresAt, askedAfterEventId: row.askedAfterEventId };
    },
    ask: (personId, question, meta) =>
      db.write(async (tx) => {
        const askedAfterEventId = await askedAfterCursor(tx, meta.sourceEventId);
        const data = { workOrderId: null, step: CARRY_STEPS.open, draft: JSON.stringify(question), expiresAt: meta.expiresAt, sourceEventId: meta.sourceEventId ?? null, askedAfterEventId, said: null };
        await tx.pendingReply.upsert({ where: { personId }, create: { personId, ...data }, update: data });
      }),
    answered: (personId, sourceEventId) =>
      db.write(async (tx) => {
        await tx.pendingReply.updateMany({ where: { personId, step: CARRY_STEPS.open }, data: { step: CARRY_STEPS.answered, sourceEventId: sourceEventId ?? null } });
      }),
    drop: (personId) =>
      db.write(async (tx) => void (await tx.pendingReply.deleteMany({ where: { personId, step: { in: [CARRY_STEPS.open, CARRY_STEPS.answered] } } }))),
  };
}
