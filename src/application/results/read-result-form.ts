import { checkReading, type UsageAlertThresholds } from '../../domain/results/reading-check.ts';
import { RESULT_OUTCOMES, type OutdoorTapState, type ResultDraft, type ResultOutcome } from '../../domain/results/result-draft.ts';
import { issueTemplateKey, type ResultIssue, type ResultIssueCode } from '../../domain/results/result-issue.ts';
import { validateResult } from '../../domain/results/result-requirements.ts';
import type { MeterWork } from '../../domain/work-order/task-kind.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import type { ResultOrderInfo } from './ports.ts';
import { readConsumableFields } from './consumable-fields.ts';
import { buildResultForm, type FormValues } from './result-form.ts';

/** What a submitted form says: the draft, and per field id what is missing or wrong (empty when complete). */
export interface FormReading {
  draft: ResultDraft;
  errors: Record<string, string>;
}

/** The form field that settles each issue (errors are shown under it). */
const FIELD_OF: Record<ResultIssueCode, string> = {
  'outcome.missing': 'outcome',
  'notDoneReason.missing': 'reason',
  'note.missing': 'note',
  'customerPresent.missing': 'outcome',
  'customerConsent.missing': 'work',
  'customerConsent.refused': 'work',
  'reading.missing': 'reading',
  'reading.invalid': 'reading',
  'reading.unconfirmed': 'reading2',
  'reading.confirmHighUsage': 'checks',
  'meterDiffersFromRecord.missing': 'meter',
  'readingDifferenceNote.missing': 'readingNote',
  'meterWorkDone.missing': 'meter',
  'meterNumber.missing': 'meterNumber',
  'meterDiameterMm.missing': 'meterDiameter',
  'meterDiameterMm.invalid': 'meterDiameter',
  'meterDiameterMm.notAsOrdered': 'meterDiameter',
  'valvePinOrSeal.missing': 'work',
  'noticeSlipLeft.missingAfterRemoval': 'work',
  'outdoorTap.missing': 'outdoorTap',
  'outdoorTap.dryAfterOpen': 'outdoorTap',
  'outdoorTap.flowsAfterClose': 'outdoorTap',
  'valveFoundClosed.missing': 'valve',
  'pilotChecked.required': 'pilot',
  'pilotStillTurning.missing': 'pilot',
  'valveClosedForPilot.missing': 'pilotActions',
  'noticeSlipLeft.missing': 'pilotActions',
  'phoneContacted.missing': 'pilotActions',
  'phoneContactOutcome.missing': 'phoneOutcome',
  'customerToldOfDefect.missing': 'toldUser',
  'improperUseNotified.missing': 'filingNotified',
};

/** The wording of an issue on a form (resultFlow.formError.*), else its chat question. */
export function formErrorText(issue: ResultIssue): string {
  const key = `resultFlow.formError.${issue.code}`;
  return templateText(hasTemplate(key) ? key : issueTemplateKey(issue.code), issue.params ?? {});
}

const one = (values: FormValues, id: string): string | undefined => {
  const v = values[id];
  const s = (Array.isArray(v) ? v.join(',') : (v ?? '')).normalize('NFKC').trim();
  return s === '' ? undefined : s;
};
const many = (values: FormValues, id: string): string[] => {
  const v = values[id];
  return (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).map((s) => s.trim()).filter(Boolean);
};
const yes = (flag: boolean): true | null => (flag ? true : null);
const yesNo = (values: FormValues, id: string): boolean | null => (one(values, id) === 'yes' ? true : one(values, id) === 'no' ? false : null);

/** 1,187 → 1187; anything but digits → NaN. */
function integerOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const plain = text.replace(/[,\s]/g, '');
  return /^\d+$/.test(plain) ? Number(plain) : Number.NaN;
}

/** Reading and its confirmation: both given and equal, else an error under the field to correct. */
function readReading(order: ResultOrderInfo, values: FormValues, thresholds: UsageAlertThresholds, errors: Record<string, string>): Partial<ResultDraft> {
  const first = integerOf(one(values, 'reading'));
  const second = integerOf(one(values, 'reading2'));
  if (first === null) return { reading: null };
  if (Number.isNaN(first)) errors.reading = formErrorText({ code: 'reading.invalid' });
  else if (second === null) errors.reading2 = t('resultFlow.formError.reading2Missing');
  else if (second !== first) errors.reading2 = t('resultFlow.formError.readingMismatch', { first, second: Number.isNaN(second) ? one(values, 'reading2')! : second });
  if (errors.reading || errors.reading2) return { reading: Number.isNaN(first) ? null : first, readingConfirmed: false };
  const check = checkReading(first, order, thresholds);
  if (check.usageFarAbovePrevious && !many(values, 'checks').includes('highUsage')) {
    const params = { reading: first, usage: check.usage!, previousUsage: order.previousUsage! };
    errors.checks = t('resultFlow.formError.highUsage', params);
  }
  return { reading: first, readingConfirmed: true };
}

const WORK_OF: Record<string, MeterWork> = { replaced: 'replace', installed: 'install', removed: 'remove' };

/** The meter choice: as on record, different (検満), or the work done; details only when they matter. */
function readMeter(order: ResultOrderInfo, values: FormValues, reading: number | null | undefined): Partial<ResultDraft> {
  const choice = one(values, 'meter');
  if (choice === undefined) return {};
  const lower = typeof reading === 'number' && order.previousReading !== null && reading < order.previousReading;
  const mm = integerOf(one(values, 'meterDiameter'));
  const details = { meterNumber: one(values, 'meterNumber') ?? null, meterDiameterMm: mm === null || Number.isNaN(mm) ? null : mm };
  // A lower reading on the meter on record is a misread: leave it unexplained so the form asks.
  if (choice === 'same') return { meterWorkDone: null, meterDiffersFromRecord: lower ? null : false };
  if (choice === 'differs') return { ...details, meterDiffersFromRecord: true };
  const work = WORK_OF[choice];
  return work ? { ...details, meterWorkDone: work, meterDiffersFromRecord: lower } : {};
}

function readPilot(values: FormValues): Partial<ResultDraft> {
  const pilot = one(values, 'pilot');
  if (pilot !== 'stopped' && pilot !== 'turning') return {};
  const actions = many(values, 'pilotActions');
  return {
    pilotChecked: true,
    pilotStillTurning: pilot === 'turning',
    valveClosedForPilot: yes(actions.includes('valveClosed')),
    noticeSlipLeft: yes(actions.includes('noticeSlip')),
    phoneContacted: yes(actions.includes('phoned')),
    phoneContactOutcome: one(values, 'phoneOutcome') ?? null,
  };
}

function readKind(order: ResultOrderInfo, values: FormValues, reading: number | null | undefined): Partial<ResultDraft> {
  const tap = one(values, 'outdoorTap');
  const outdoorTap = tap === 'flows' || tap === 'dry' || tap === 'none' ? (tap as OutdoorTapState) : null;
  if (order.kind === 'open') return { ...readMeter(order, values, reading), outdoorTap, ...readPilot(values) };
  if (order.kind === 'transfer') {
    const valve = one(values, 'valve');
    const valveFoundClosed = valve === 'foundClosed' ? true : valve === 'open' ? false : null;
    return { ...readMeter(order, values, reading), valveFoundClosed, ...readPilot(values) };
  }
  if (order.kind !== 'close') return {};
  const work = many(values, 'work');
  const removal = work.includes('noticeSlip') ? { noticeSlipLeft: true } : {};
  const consent = { customerConsent: yes(work.includes('consent')), valvePinReplaced: yes(work.includes('valvePin')), sealFitted: yes(work.includes('seal')) };
  return { ...readMeter(order, values, reading), ...consent, ...removal, outdoorTap };
}

function outcomeOf(values: FormValues): ResultOutcome | null {
  const given = one(values, 'outcome');
  return (RESULT_OUTCOMES as readonly string[]).includes(given ?? '') ? (given as ResultOutcome) : null;
}

/**
 * A submitted result form read into a draft and checked by the result rules (result-requirements.ts), plus the
 * form's own checks: the reading entered twice and equal, a usage far above the previous one ticked as checked.
 * Each problem is reported once, under the field that settles it.
 */
export function readResultForm(order: ResultOrderInfo, values: FormValues, thresholds: UsageAlertThresholds): FormReading {
  const errors: Record<string, string> = {};
  const outcome = outcomeOf(values);
  const checks = many(values, 'checks');
  const common = { notDoneReason: one(values, 'reason') ?? null, note: one(values, 'note') ?? null, leakSuspected: checks.includes('leak'), improperUse: checks.includes('improperUse') };
  const findings = { equipmentDefect: checks.includes('equipmentDefect'), customerToldOfDefect: yesNo(values, 'toldUser'), improperUseNotified: yesNo(values, 'filingNotified') };
  let draft: ResultDraft = { outcome, ...common, ...findings };
  if (outcome && outcome !== 'not_done') {
    const reading = readReading(order, values, thresholds, errors);
    const stated = { readingDifferenceNote: one(values, 'readingNote') ?? null };
    draft = order.kind === 'other'
      ? { ...draft, ...reading }
      : { ...draft, ...reading, ...stated, customerPresent: outcome === 'done', ...readKind(order, values, reading.reading) };
    draft = { ...draft, ...readConsumableFields(values, errors) };
  }
  if (outcome && outcome !== 'not_done') draft.notDoneReason = null;
  const fields = new Set(buildResultForm(order).fields.map((field) => field.id));
  for (const issue of validateResult(order, draft, thresholds)) {
    const field = fields.has(FIELD_OF[issue.code]) ? FIELD_OF[issue.code] : 'outcome';
    errors[field] ??= formErrorText(issue);
  }
  return { draft, errors };
}
