import { isAnswered, type ResultDraft } from './result-draft.ts';

/**
 * 訂正: a recorded result corrected by its worker or by the day's supervisor. Pure rules: recognising the text, who
 * may correct what, the corrected draft, and what changed.
 */

/** What a correction text names: the order reference as typed (digits half-width) and the rest of the text. */
export interface CorrectionText {
  orderRef: string;
  rest: string;
}

const COMMAND = /^(?:訂正|ていせい|テイセイ)(?=$|[\s\d:：、,])[\s:：、,]*/u;
const ORDER_REF = /^((?:\d{8}-)?\d+)番?(?![\d-])[\s:：、,]*/u;

/**
 * 「訂正 0012 指針1190」, 「訂正0012 指針1190」, 「ていせい ００１２ 指針1190」 → { orderRef: '0012', rest: '指針1190' }.
 * Only the recognising: the rest is read by the reply parser, the order resolved and the rules applied by the use
 * case. null when the text is not a correction; 「訂正」 without an order number gives an empty orderRef.
 */
export function readCorrectionText(text: string): CorrectionText | null {
  const folded = text.normalize('NFKC').trim();
  const command = COMMAND.exec(folded);
  if (!command) return null;
  const after = folded.slice(command[0].length);
  const ref = ORDER_REF.exec(after);
  if (!ref) return { orderRef: '', rest: after.trim() };
  return { orderRef: ref[1]!, rest: after.slice(ref[0].length).trim() };
}

/** Who corrects: the worker who recorded the result, or a supervisor of the result's date. */
export type CorrectionRole = 'worker' | 'supervisor';

/** The day's daily report (日報): none yet, a draft, approved or sent to the bureau. */
export type DailyReportStage = 'none' | 'draft' | 'approved' | 'sent';

export interface CorrectionRequest {
  personId: string;
  /** Who recorded the result. */
  recordedBy: string;
  /** The supervisors (業務責任者) of the result's date. */
  supervisors: readonly string[];
  reportStage: DailyReportStage;
}

export type CorrectionPermission =
  | { allowed: true; role: CorrectionRole; amendsReport: boolean }
  | { allowed: false; reason: 'notYours' | 'askSupervisor' };

/**
 * A worker corrects their own result until the day's report is approved; the day's supervisor any result of the
 * day, also after the approval (then the bureau gets the correction as an amendment and the report is re-issued).
 */
export function mayCorrect(request: CorrectionRequest): CorrectionPermission {
  const approved = request.reportStage === 'approved' || request.reportStage === 'sent';
  if (request.supervisors.includes(request.personId)) return { allowed: true, role: 'supervisor', amendsReport: approved };
  if (request.personId !== request.recordedBy) return { allowed: false, reason: 'notYours' };
  if (approved) return { allowed: false, reason: 'askSupervisor' };
  return { allowed: true, role: 'worker', amendsReport: false };
}

/** The fields a correction may change (who, when, channel and the computed flags are not corrected directly). */
export const CORRECTABLE_FIELDS = [
  'outcome',
  'notDoneReason',
  'reading',
  'customerPresent',
  'customerConsent',
  'meterWorkDone',
  'meterNumber',
  'meterDiameterMm',
  'meterDiffersFromRecord',
  'valvePinReplaced',
  'sealFitted',
  'valvePinCount',
  'copperWireCount',
  'sealCount',
  'valveFoundClosed',
  'pilotChecked',
  'pilotStillTurning',
  'valveClosedForPilot',
  'noticeSlipLeft',
  'phoneContacted',
  'phoneContactOutcome',
  'outdoorTap',
  'readingDifferenceNote',
  'leakSuspected',
  'equipmentDefect',
  'customerToldOfDefect',
  'improperUse',
  'improperUseNotified',
  'note',
] as const satisfies readonly (keyof ResultDraft)[];
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** Flags recomputed when the corrected result is recorded: shown in the diff, never typed. */
export const COMPUTED_FIELDS = ['readingLowerThanPrevious', 'usageFarAbovePrevious', 'readingDiffersFromPrevious'] as const satisfies readonly (keyof ResultDraft)[];
export type ComputedField = (typeof COMPUTED_FIELDS)[number];

/** Free-text fields: their values may hold personal data and are never put into the audit log as such. */
export const FREE_TEXT_FIELDS: readonly CorrectableField[] = ['note', 'notDoneReason', 'readingDifferenceNote', 'phoneContactOutcome'];

export type CorrectionPatch = Partial<Pick<ResultDraft, CorrectableField>>;

/** What a reply or form said, as a patch: only the fields it answered (null and undefined are "not said"). */
export function correctionPatchOf(draft: ResultDraft): CorrectionPatch {
  const patch: Record<string, unknown> = {};
  for (const field of CORRECTABLE_FIELDS) if (isAnswered(draft[field])) patch[field] = draft[field];
  return patch as CorrectionPatch;
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** The fields of the patch whose value differs from the recorded result. */
export function changedFields(recorded: ResultDraft, patch: CorrectionPatch): CorrectableField[] {
  return CORRECTABLE_FIELDS.filter((f) => f in patch && !same(patch[f], recorded[f]));
}

/**
 * The draft to check again: the recorded result with the patch applied. A changed reading is not confirmed yet
 * (it is echoed back or entered twice, like a new one) and its その旨 statement is asked again when it applies.
 */
export function correctedDraft(recorded: ResultDraft, patch: CorrectionPatch): ResultDraft {
  const draft: ResultDraft = { ...recorded, ...patch };
  if (!same(patch.reading, recorded.reading) && 'reading' in patch) {
    draft.readingConfirmed = false;
    if (!('readingDifferenceNote' in patch)) draft.readingDifferenceNote = null;
  }
  // Not done → done: the reason no longer applies.
  if (patch.outcome && patch.outcome !== 'not_done' && !('notDoneReason' in patch)) draft.notDoneReason = null;
  return draft;
}

/** One changed value of a correction. */
export interface FieldChange {
  field: CorrectableField | ComputedField;
  before: unknown;
  after: unknown;
}

/** Before → after of every field that differs (computed flags included), in a fixed order. */
export function diffResults(before: ResultDraft, after: ResultDraft): FieldChange[] {
  const fields = [...CORRECTABLE_FIELDS, ...COMPUTED_FIELDS];
  return fields.filter((f) => !same(before[f], after[f])).map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** The changes as the audit log keeps them: free texts only as "(changed)", never their words. */
export function auditedChanges(changes: readonly FieldChange[]): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const c of changes) {
    const hidden = (FREE_TEXT_FIELDS as readonly string[]).includes(c.field);
    before[c.field] = hidden ? (c.before === null ? null : '(text)') : c.before;
    after[c.field] = hidden ? (c.after === null ? null : '(changed)') : c.after;
  }
  return { before, after };
}
