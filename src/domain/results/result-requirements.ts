import { METER_WORK_LABELS, type TaskKind } from '../work-order/task-kind.ts';
import { DEFAULT_USAGE_ALERT, type UsageAlertThresholds } from './reading-check.ts';
import { isAnswered, isBlank, RESULT_OUTCOMES, type ResultDraft, type ResultOrder } from './result-draft.ts';
import {
  customerAbsent,
  findingIssues,
  meterIssues,
  outdoorTapIssues,
  pilotIssues,
  presenceIssues,
  readingIssues,
} from './result-field-checks.ts';
import type { ResultIssue } from './result-issue.ts';

/**
 * What a result needs before it is complete, per task kind, following spec 15(3)ウ. The issues come
 * in the order a conversation asks them: the first one is the next question.
 */
export function validateResult(
  order: ResultOrder,
  draft: ResultDraft,
  thresholds: UsageAlertThresholds = DEFAULT_USAGE_ALERT,
): ResultIssue[] {
  if (!draft.outcome || !RESULT_OUTCOMES.includes(draft.outcome)) return [{ code: 'outcome.missing' }];
  if (draft.outcome === 'not_done') return [...(isBlank(draft.notDoneReason) ? [{ code: 'notDoneReason.missing' } as const] : []), ...findingIssues(draft)];
  return [...KIND_RULES[order.kind](order, draft, thresholds), ...findingIssues(draft)];
}

/** The next thing to ask for a draft, or null when the result is complete. */
export function nextQuestion(
  order: ResultOrder,
  draft: ResultDraft,
  thresholds: UsageAlertThresholds = DEFAULT_USAGE_ALERT,
): ResultIssue | null {
  return validateResult(order, draft, thresholds)[0] ?? null;
}

type KindRule = (order: ResultOrder, draft: ResultDraft, thresholds: UsageAlertThresholds) => ResultIssue[];

/** 開栓 (ｱ): reading, fitted or differing meter, outdoor tap flows, pilot checks when the customer is away. */
const openRule: KindRule = (order, draft, thresholds) => [
  ...presenceIssues(draft),
  ...readingIssues(order, draft, thresholds),
  ...meterIssues(order, draft, ['install', 'replace']),
  ...outdoorTapIssues(draft, 'flows'),
  ...(customerAbsent(draft) ? pilotIssues(draft) : []),
];

/** 閉栓 (ｲ): consent of a customer at home, reading, pin or seal, meter removal with its slip, outdoor tap dry. */
const closeRule: KindRule = (order, draft, thresholds) => [
  ...presenceIssues(draft),
  ...consentIssues(draft),
  ...readingIssues(order, draft, thresholds),
  ...meterIssues(order, draft, []),
  ...(draft.valvePinReplaced !== true && draft.sealFitted !== true ? [{ code: 'valvePinOrSeal.missing' } as const] : []),
  ...removalIssues(order, draft),
  ...outdoorTapIssues(draft, 'dry'),
];

/** 名変 (ｳ): reading, and the valve found closed is opened; opened while the customer is away → pilot checks as for 開栓. */
const transferRule: KindRule = (order, draft, thresholds) => {
  const issues = [...readingIssues(order, draft, thresholds), ...meterIssues(order, draft, [])];
  if (!isAnswered(draft.valveFoundClosed)) return [...issues, { code: 'valveFoundClosed.missing' }];
  if (!draft.valveFoundClosed) return issues;
  return [...issues, ...presenceIssues(draft), ...(customerAbsent(draft) ? pilotIssues(draft) : [])];
};

/** その他: what was done is told in a note; a reading given on the way is confirmed like any other and kept. */
const otherRule: KindRule = (order, draft, thresholds) => [
  ...(isBlank(draft.note) ? [{ code: 'note.missing' } as const] : []),
  ...(isAnswered(draft.reading) ? readingIssues(order, draft, thresholds) : []),
];

const KIND_RULES: Record<TaskKind, KindRule> = { open: openRule, close: closeRule, transfer: transferRule, other: otherRule };

/** A customer at home must agree before the valve is closed or the meter removed (ｲ)a. */
function consentIssues(draft: ResultDraft): ResultIssue[] {
  if (draft.outcome === 'absent' || draft.customerPresent !== true) return [];
  if (draft.customerConsent === false) return [{ code: 'customerConsent.refused' }];
  return draft.customerConsent === true ? [] : [{ code: 'customerConsent.missing' }];
}

/** Meter removal when the order says 引上 or the site calls for it (解体済み), with the slip in the box (ｲ)e. */
function removalIssues(order: ResultOrder, draft: ResultDraft): ResultIssue[] {
  if (order.meterWork === 'remove' && draft.meterWorkDone !== 'remove') {
    return [{ code: 'meterWorkDone.missing', params: { work: METER_WORK_LABELS.remove } }];
  }
  if (draft.meterWorkDone === 'remove' && draft.noticeSlipLeft !== true) return [{ code: 'noticeSlipLeft.missingAfterRemoval' }];
  return [];
}
