import type { ResultDraft } from '../../domain/results/result-draft.ts';
import { mayCorrect, type CorrectionRole, type FieldChange } from '../../domain/results/result-correction.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { CorrectionReports, CorrectionStore, StoredCorrection } from './correction-ports.ts';
import type { RecordedResult, ResultOrderInfo, ResultsDeps, StoredFile } from './ports.ts';
import { finalDraft } from './record-result.ts';
import { freeTextFor, type ShowText } from './result-free-text.ts';
import { draftLines, placeOf, recordedText } from './result-lines.ts';
import { findOrderByRef } from './result-order-ref.ts';
import { sendFlags } from './result-flags.ts';
import { plainView } from '../chat/dispatcher.ts';
import { reached as reachedBy } from '../chat/delivery.ts';

/** The results deps with what a correction needs besides: its history and the day's report. */
export interface CorrectionDeps extends ResultsDeps {
  corrections: CorrectionStore;
  correctionReports: CorrectionReports;
}

/** A correction in progress (kept in the text flow's state between messages). */
export interface CorrectionMark {
  role: CorrectionRole;
  amendsReport: boolean;
}

/** The order a correction names, its recorded result, and what the person may do with it. */
export interface CorrectableResult {
  order: ResultOrderInfo;
  recorded: RecordedResult;
  mark: CorrectionMark;
}

/**
 * Who may correct the order's result now (domain/results/result-correction.ts mayCorrect): refusals say why in
 * Japanese (unknown order, no result yet, someone else's, the day's report approved: ask the supervisor).
 */
export async function correctableResult(deps: CorrectionDeps, order: ResultOrderInfo, personId: string): Promise<CorrectableResult> {
  const recorded = order.hasResult ? await deps.results.recorded(order.orderNo) : undefined;
  if (!recorded) throw new AppError(ErrorCode.Conflict, t('correction.refuse.notRecorded', { orderNo: order.orderNo }));
  const date = tokyoDate(recorded.recordedAt);
  const [supervisors, reportStage] = await Promise.all([deps.directory.supervisorsOn(date), deps.correctionReports.stageOf(date)]);
  const permission = mayCorrect({ personId, recordedBy: recorded.personId, supervisors, reportStage });
  if (!permission.allowed) {
    const names = await deps.directory.names();
    const params = { orderNo: order.orderNo, date: date.slice(5).replace('-', '/'), name: names.get(recorded.personId) ?? recorded.personId };
    throw new AppError(ErrorCode.Forbidden, t(permission.reason === 'askSupervisor' ? 'correction.refuse.approved' : 'correction.refuse.notYours', params));
  }
  return { order, recorded, mark: { role: permission.role, amendsReport: permission.amendsReport } };
}

/** correctableResult of the order a typed reference means (0012, 12, 20260327-0012). */
export async function resolveCorrection(deps: CorrectionDeps, ref: string, personId: string): Promise<CorrectableResult> {
  let order: ResultOrderInfo;
  try {
    order = await findOrderByRef(deps, ref, personId);
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.NotFound) throw new AppError(ErrorCode.NotFound, t('correction.refuse.unknown', { ref }));
    throw e;
  }
  return correctableResult(deps, order, personId);
}

/** The changed values, before and after, each as one text (only the changed fields; free text as `show` allows). */
export function changeSides(order: ResultOrderInfo, changes: readonly FieldChange[], show: ShowText): { before: string; after: string } | undefined {
  const side = (pick: 'before' | 'after') => draftLines(order, Object.fromEntries(changes.map((c) => [c.field, c[pick]])) as ResultDraft, show);
  const before = side('before');
  const after = side('after');
  if (before.length === 0 && after.length === 0) return undefined;
  const empty = t('correction.line.empty');
  return { before: before.join(' / ') || empty, after: after.join(' / ') || empty };
}

/** 訂正前 … / 訂正後 … lines for a chat message. */
export function changeLines(order: ResultOrderInfo, changes: readonly FieldChange[], show: ShowText): string[] {
  const sides = changeSides(order, changes, show);
  return sides ? [t('correction.line.before', { value: sides.before }), t('correction.line.after', { value: sides.after })] : [];
}

export interface CorrectResultInput {
  order: ResultOrderInfo;
  personId: string;
  channel: string;
  /** The whole corrected result (its reading confirmed when it has one). */
  draft: ResultDraft;
  files: StoredFile[];
  inChannel?: boolean;
  sourceEventId?: number;
  conversation?: { said: string };
}

/** What the corrector is told, computed from the stored correction only (a replay answers the same). */
export async function announceCorrection(deps: CorrectionDeps, order: ResultOrderInfo, correction: StoredCorrection, result: RecordedResult, inChannel: boolean, amendment: string[]): Promise<string> {
  const audience = inChannel ? 'channel' : 'assigneeDirect';
  const show = await freeTextFor(deps, order.orderNo, audience);
  const names = await deps.directory.names();
  const shown = recordedText(order, result, (id) => names.get(id) ?? id, placeOf(order, audience, deps.privacy), show);
  return [t('correction.done', { orderNo: order.orderNo }), ...changeLines(order, correction.changes, show), shown, ...amendment].join('\n');
}

/**
 * 訂正 (use case): checks again who may correct (the report may have been approved meanwhile), computes the reading
 * checks' flags for the corrected result like for a new one, writes it with its history and audit row
 * (CorrectionStore), then: the worker's day view and the supervisors' flags as after a result; a draft report rebuilt;
 * an approved report re-issued as 訂正 with the amendment for the bureau.
 */
export async function correctResult(deps: CorrectionDeps, input: CorrectResultInput): Promise<string> {
  const { order } = input;
  const { recorded, mark } = await correctableResult(deps, order, input.personId);
  const draft = { ...finalDraft(deps, order, { ...recorded, ...input.draft, outcome: input.draft.outcome ?? recorded.outcome }) };
  const outcome = await deps.corrections.correct({
    orderNo: order.orderNo, personId: input.personId, role: mark.role, channel: input.channel, at: deps.clock.now(), draft,
    amendsReport: mark.amendsReport, files: input.files, sourceEventId: input.sourceEventId ?? null,
    ...(input.conversation ? { conversation: input.conversation } : {}),
  });
  if (outcome.status === 'notRecorded') return t('correction.refuse.notRecorded', { orderNo: order.orderNo });
  if (outcome.status === 'unchanged') return t('correction.unchanged', { orderNo: order.orderNo });
  const { correction, result } = outcome;
  deps.logger.info('result corrected', { orderNo: order.orderNo, role: correction.role, fields: correction.changes.map((c) => c.field).join(','), amendsReport: correction.amendsReport });
  return afterCorrection(deps, order, correction, result, input.inChannel === true);
}

/** The effects that follow a stored correction (sent again, without duplicates, when its event is replayed). */
export async function afterCorrection(deps: CorrectionDeps, order: ResultOrderInfo, correction: StoredCorrection, result: RecordedResult, inChannel: boolean): Promise<string> {
  await deps.refreshWorkerDay(result.personId, order.assignment?.date ?? correction.date);
  await sendFlags(deps, order, result, correction.date);
  const amendment: string[] = [];
  if (correction.amendsReport) {
    // The bureau sees the changed values as a channel does (free text masked as the privacy policy says).
    const sides = changeSides(order, correction.changes, await freeTextFor(deps, order.orderNo, 'channel')) ?? { before: '-', after: '-' };
    const reached = await deps.correctionReports.reissueAmended(correction.date, { correction, kind: order.kind, town: order.town, ...sides });
    amendment.push(t(reached ? 'correction.amended' : 'correction.amendFailed'));
  } else {
    await deps.correctionReports.refreshDraft(correction.date);
  }
  await tellWorker(deps, order, correction, result);
  return announceCorrection(deps, order, correction, result, inChannel, amendment);
}

/** A result corrected by someone else (the day's supervisor): its worker is told what changed, in their own chat. */
async function tellWorker(deps: CorrectionDeps, order: ResultOrderInfo, correction: StoredCorrection, result: RecordedResult): Promise<void> {
  if (correction.personId === result.personId) return;
  const names = await deps.directory.names();
  const show = await freeTextFor(deps, order.orderNo, 'assigneeDirect');
  const text = [t('correction.toWorker', { orderNo: order.orderNo, name: names.get(correction.personId) ?? correction.personId }), ...changeLines(order, correction.changes, show)].join('\n');
  const report = await deps.gateway.send({ personId: result.personId }, plainView(text, `correction:${correction.id}:worker`));
  if (!reachedBy(report)) deps.logger.warn('correction notice not delivered to the worker', { orderNo: order.orderNo });
}
