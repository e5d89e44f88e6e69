import type { FormConversation, FormConversationState, FormConversationStore } from '../../application/chat/form-conversation-ports.ts';
import type { Database } from './database.ts';
import { FORM_STEPS, isFormStep, askedAfterCursor } from './pending-reply-store.ts';

interface Draft extends FormConversationState {
  v: 1;
}

function stateOf(draft: string): FormConversationState | undefined {
  try {
    const d = JSON.parse(draft) as Partial<Draft>;
    if (d.v !== 1 || !d.form || !d.platform || typeof d.index !== 'number') return undefined;
    return { form: d.form, platform: d.platform, index: d.index, values: d.values ?? {}, ...(d.outcome ? { outcome: d.outcome } : {}) };
  } catch {
    return undefined;
  }
}

/** Form conversations in PendingReply rows (draft and said are encrypted at rest, like the results flow's). */
export function createFormConversationStore(db: Database): FormConversationStore {
  return {
    async get(personId): Promise<FormConversation | undefined> {
      const row = await db.read.pendingReply.findUnique({ where: { personId } });
      const state = row && isFormStep(row.step) ? stateOf(row.draft) : undefined;
      if (!row || !state) return undefined;
      return { ...state, expiresAt: row.expiresAt, sourceEventId: row.sourceEventId, askedAfterEventId: row.askedAfterEventId, said: row.said };
    },
    save: (personId, state, meta) =>
      db.write(async (tx) => {
        const askedAfterEventId = await askedAfterCursor(tx, meta.sourceEventId);
        const draft: Draft = { v: 1, ...state };
        const data = {
          workOrderId: null,
          step: state.outcome ? FORM_STEPS.ended : FORM_STEPS.open,
          draft: JSON.stringify(draft),
          expiresAt: meta.expiresAt,
          sourceEventId: meta.sourceEventId,
          askedAfterEventId,
          said: meta.said,
        };
        await tx.pendingReply.upsert({ where: { personId }, create: { personId, ...data }, update: data });
      }),
  };
}
