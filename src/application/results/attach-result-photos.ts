import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import { flowStateOf, saveFlow, type TextDeps, type TextSender } from './handle-result-text.ts';
import type { ResultOrderInfo } from './ports.ts';
import { findOrderByRef } from './result-order-ref.ts';
import { promptOf, type FlowState } from './text-flow.ts';

/** 「写真 0012」 (with the photos attached): the order number may be short or full, digits half- or full-width. */
const PHOTO_TEXT = /^(?:写真|しゃしん|シャシン|画像|photo)\s*(?:[#№]|no\.?)?\s*(\d[\d-]*)?$/iu;

/** 「写真 0012」, 「写真」, or photos sent without a word: photos for a result. */
export const isResultPhotoText = (text: string, hasFiles: boolean) => PHOTO_TEXT.test(text.normalize('NFKC').trim()) || (hasFiles && text.trim() === '');

async function livePending(deps: TextDeps, personId: string): Promise<FlowState | undefined> {
  const pending = await deps.pending.get(personId);
  if (!pending || pending.expiresAt.getTime() <= deps.clock.now().getTime()) return undefined;
  return flowStateOf(pending);
}

/** Photos for a result still being entered: kept with the conversation and saved with the result. */
async function addToConversation(deps: TextDeps, sender: TextSender, state: FlowState, order: ResultOrderInfo | undefined): Promise<string> {
  const next = { ...state, files: [...state.files, ...sender.files] };
  const found = order ?? (await deps.results.byNo(state.orderNo));
  const prompt = found ? [promptOf(found, next.draft, next.step, deps.thresholds)] : [];
  const said = [t('resultFlow.photosReceived', { count: sender.files.length }), ...prompt].join('\n');
  // The question stays the same: answers written since it was asked still apply.
  await saveFlow(deps, sender, next, said, true);
  return said;
}

async function forOrder(deps: TextDeps, sender: TextSender, ref: string, state: FlowState | undefined): Promise<string> {
  const order = await findOrderByRef(deps, ref, sender.personId);
  const assignee = order.assignment?.personId;
  if (assignee !== sender.personId) {
    const names = await deps.directory.names();
    const params = { orderNo: order.orderNo, id: assignee ?? '-', name: assignee ? (names.get(assignee) ?? assignee) : '-' };
    return assignee ? t('resultFlow.refuse.notYours', params) : t('resultFlow.refuse.unassigned', params);
  }
  if (order.hasResult) {
    const actor = { personId: sender.personId, channel: sender.platform };
    const total = await deps.results.addPhotos(order.orderNo, sender.files, actor, deps.clock.now());
    deps.logger.info('photos added to a result', { orderNo: order.orderNo, count: sender.files.length });
    return t('resultFlow.photo.added', { orderNo: order.orderNo, count: sender.files.length, total });
  }
  if (state?.orderNo === order.orderNo) return addToConversation(deps, sender, state, order);
  return t('resultFlow.photo.noResult', { orderNo: order.orderNo });
}

/**
 * Photos sent for a result (spec 15(3)ウ(ｴ)b: leaks, sites that differ): 「写真 0012」 with files attaches them to
 * 0012's recorded result, or to its conversation while it is being entered; files sent alone during a
 * conversation go with it. Returns the answer, or undefined when the message is not about photos.
 */
export async function attachResultPhotos(deps: TextDeps, sender: TextSender, text: string): Promise<string | undefined> {
  const m = PHOTO_TEXT.exec(text.normalize('NFKC').trim());
  const bareFiles = sender.files.length > 0 && text.trim() === '';
  if (!m && !bareFiles) return undefined;
  if (sender.files.length === 0) return t('resultFlow.photo.none');
  const state = await livePending(deps, sender.personId);
  const ref = m?.[1];
  try {
    if (ref) return await forOrder(deps, sender, ref, state);
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  return state ? addToConversation(deps, sender, state, undefined) : t('resultFlow.photo.whichOrder');
}
