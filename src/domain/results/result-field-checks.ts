import { isContractDiameter, METER_WORK_LABELS, type MeterWork } from '../work-order/task-kind.ts';
import { checkReading, type UsageAlertThresholds } from './reading-check.ts';
import { isAnswered, isBlank, type ResultDraft, type ResultOrder } from './result-draft.ts';
import type { ResultIssue } from './result-issue.ts';

/** Checks shared by several task kinds; each returns its issues in the order they are asked. */

const fittedMeter = (draft: ResultDraft): boolean => draft.meterWorkDone === 'install' || draft.meterWorkDone === 'replace';

export const customerAbsent = (draft: ResultDraft): boolean => draft.outcome === 'absent' || draft.customerPresent === false;

export function presenceIssues(draft: ResultDraft): ResultIssue[] {
  return draft.outcome !== 'absent' && !isAnswered(draft.customerPresent) ? [{ code: 'customerPresent.missing' }] : [];
}

/**
 * 指針: given, a non-negative integer, echoed back and confirmed; a lower one explained; an 開栓 one differing from the
 * previous one stated (spec 15(3)ウ(ｱ)a, (ｲ)b).
 */
export function readingIssues(order: ResultOrder, draft: ResultDraft, thresholds: UsageAlertThresholds): ResultIssue[] {
  const { reading } = draft;
  if (!isAnswered(reading)) return [{ code: 'reading.missing' }];
  if (!Number.isSafeInteger(reading) || reading < 0) return [{ code: 'reading.invalid' }];
  const check = checkReading(reading, order, thresholds);
  const issues: ResultIssue[] = [];
  if (draft.readingConfirmed !== true) {
    const highUsage = check.questions.find((q) => q.code === 'reading.confirmHighUsage');
    issues.push(highUsage ?? { code: 'reading.unconfirmed', params: { reading } });
  }
  if (check.readingLowerThanPrevious && !isAnswered(draft.meterDiffersFromRecord)) {
    issues.push({ code: 'meterDiffersFromRecord.missing', params: { reading, previousReading: order.previousReading as number } });
  }
  if (openingReadingDiffers(order, draft, thresholds) && isBlank(draft.readingDifferenceNote)) {
    issues.push({ code: 'readingDifferenceNote.missing', params: { reading, previousReading: order.previousReading as number } });
  }
  return issues;
}

/**
 * An 開栓 reading that is not the previous one, either way (spec 15(3)ウ(ｱ)a): the worker states why (その旨) and the
 * supervisor is told. A meter the worker fitted has no previous reading to compare with: nothing to state.
 */
export function openingReadingDiffers(order: ResultOrder, draft: ResultDraft, thresholds: UsageAlertThresholds): boolean {
  const { reading } = draft;
  if (!isAnswered(reading) || fittedMeter(draft)) return false;
  return checkReading(reading, order, thresholds).readingDiffersFromPrevious;
}

/**
 * 給水装置の不備, or the site not as ordered: a meter other than the one on record that the worker did not fit
 * (spec 15(3)ウ(ｴ)a). A meter the worker fitted differs from the record by design.
 */
export const defectFound = (draft: ResultDraft): boolean =>
  draft.equipmentDefect === true || (draft.meterDiffersFromRecord === true && !fittedMeter(draft));

/**
 * What the worker did about a finding (spec 15(3)ウ(ｴ)a, c): told the user of a defect or mismatch, told a person using
 * water improperly to file properly. Either answer is recorded; the supervisor is told of the finding either way.
 */
export function findingIssues(draft: ResultDraft): ResultIssue[] {
  const issues: ResultIssue[] = [];
  if (defectFound(draft) && !isAnswered(draft.customerToldOfDefect)) issues.push({ code: 'customerToldOfDefect.missing' });
  if (draft.improperUse === true && !isAnswered(draft.improperUseNotified)) issues.push({ code: 'improperUseNotified.missing' });
  return issues;
}

/**
 * メーター取付・取替 ordered for an 開栓 must be reported done, and a fitted meter, or one found
 * different from the record (検満), needs its number and a contract diameter (spec 15(3)ウ(ｱ)b–c, (ｲ)c).
 */
export function meterIssues(order: ResultOrder, draft: ResultDraft, orderedWorks: readonly MeterWork[]): ResultIssue[] {
  const ordered = order.meterWork && orderedWorks.includes(order.meterWork) ? order.meterWork : null;
  if (ordered && !isAnswered(draft.meterWorkDone)) {
    return [{ code: 'meterWorkDone.missing', params: { work: METER_WORK_LABELS[ordered] } }];
  }
  const fitted = draft.meterWorkDone === 'install' || draft.meterWorkDone === 'replace';
  if (!fitted && draft.meterDiffersFromRecord !== true) return [];
  const issues: ResultIssue[] = [];
  if (isBlank(draft.meterNumber)) issues.push({ code: 'meterNumber.missing' });
  issues.push(...diameterIssues(order, draft));
  return issues;
}

function diameterIssues(order: ResultOrder, draft: ResultDraft): ResultIssue[] {
  const mm = draft.meterDiameterMm;
  if (!isAnswered(mm)) return [{ code: 'meterDiameterMm.missing' }];
  if (!isContractDiameter(mm)) return [{ code: 'meterDiameterMm.invalid', params: { diameterMm: mm } }];
  const shown = order.diameterMm;
  if (draft.meterWorkDone === 'install' && shown !== null && mm !== shown) {
    return [{ code: 'meterDiameterMm.notAsOrdered', params: { diameterMm: mm, orderedMm: shown } }];
  }
  return [];
}

/** 散水栓・水栓柱: water must flow after opening and must not after closing (spec 15(3)ウ(ｱ)d, (ｲ)f). */
export function outdoorTapIssues(draft: ResultDraft, expected: 'flows' | 'dry'): ResultIssue[] {
  const tap = draft.outdoorTap;
  if (!isAnswered(tap)) return [{ code: 'outdoorTap.missing' }];
  if (expected === 'flows' && tap === 'dry') return [{ code: 'outdoorTap.dryAfterOpen' }];
  if (expected === 'dry' && tap === 'flows') return [{ code: 'outdoorTap.flowsAfterClose' }];
  return [];
}

/**
 * Opened with the customer away (spec 15(3)ウ(ｱ)e): the pilot is checked; if it keeps turning, the
 * valve is closed, a notice slip left and the customer phoned, with the outcome of the call.
 */
export function pilotIssues(draft: ResultDraft): ResultIssue[] {
  if (draft.pilotChecked === false) return [{ code: 'pilotChecked.required' }];
  if (!isAnswered(draft.pilotStillTurning)) return [{ code: 'pilotStillTurning.missing' }];
  if (!draft.pilotStillTurning) return [];
  const issues: ResultIssue[] = [];
  if (draft.valveClosedForPilot !== true) issues.push({ code: 'valveClosedForPilot.missing' });
  if (draft.noticeSlipLeft !== true) issues.push({ code: 'noticeSlipLeft.missing' });
  if (draft.phoneContacted !== true) issues.push({ code: 'phoneContacted.missing' });
  if (isBlank(draft.phoneContactOutcome)) issues.push({ code: 'phoneContactOutcome.missing' });
  return issues;
}
