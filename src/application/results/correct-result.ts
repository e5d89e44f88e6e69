import { changedFields, correctedDraft, correctionPatchOf, type CorrectionText } from '../../domain/results/result-correction.ts';
import type { ParsedReply } from '../../domain/replies/parsed-reply.ts';
import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import { conclude, type TextDeps, type TextSender } from './handle-result-text.ts';
import { changeLines, resolveCorrection } from './record-correction.ts';
import { freeTextFor } from './result-free-text.ts';
import { orderLine, placeOf } from './result-lines.ts';
import { draftFromReply, turn } from './text-flow.ts';

/**
 * 「訂正 0012 指針1190」 as recognised by readCorrectionText (src/domain/results/result-correction.ts): the order is
 * resolved and the person's right to correct it checked (record-correction.ts), the rest of the text (`reply`, read
 * by the reply parser as a result would be), and the recorded result with those fields changed goes through the result's
 * own text flow: a changed reading is echoed back to confirm, checked against the previous reading, and an 開栓
 * reading asks for its その旨 again; when nothing is missing the correction is written (correctResult).
 * Returns what to answer; refusals are Japanese sentences saying why.
 */
export async function handleCorrectionText(deps: TextDeps, sender: TextSender, typed: CorrectionText, reply: ParsedReply): Promise<string> {
  if (!typed.orderRef) return t('correction.ask.orderRef');
  try {
    const { order, recorded, mark } = await resolveCorrection(deps, typed.orderRef, sender.personId);
    const patch = correctionPatchOf(draftFromReply(order, reply));
    if (Object.keys(patch).length === 0 && sender.files.length === 0) return t('correction.refuse.nothing', { orderNo: order.orderNo });
    if (changedFields(recorded, patch).length === 0 && sender.files.length === 0) return t('correction.unchanged', { orderNo: order.orderNo });
    const draft = correctedDraft(recorded, patch);
    const audience = sender.inChannel ? 'channel' : 'assigneeDirect';
    const show = await freeTextFor(deps, order.orderNo, audience);
    const changes = changedFields(recorded, patch).map((field) => ({ field, before: recorded[field] ?? null, after: patch[field] ?? null }));
    const echo = [t('correction.understood', { orderNo: order.orderNo }), orderLine(order, placeOf(order, audience, deps.privacy)), ...changeLines(order, changes, show)];
    const first = turn(order, { v: 1, orderNo: order.orderNo, draft, files: sender.files, correction: mark }, deps.thresholds, echo);
    const previous = await deps.pending.get(sender.personId);
    const lead = previous && previous.orderNo !== order.orderNo && previous.expiresAt.getTime() > deps.clock.now().getTime() ? [t('resultFlow.replaced', { orderNo: previous.orderNo })] : [];
    return await conclude(deps, sender, order, first, lead);
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}
