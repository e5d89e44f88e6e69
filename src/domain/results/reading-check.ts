import type { ResultOrder } from './result-draft.ts';
import type { ResultIssue } from './result-issue.ts';

/**
 * When a usage counts as "far above" the previous one (spec 15(3)ウ(ｲ)b: 明らかに今回使用量が多い場合):
 * more than `factor` times the previous usage AND at least `minExcessM3` m³ above it. The absolute
 * floor keeps small numbers (2 m³ after 0 m³) from raising the flag.
 */
export interface UsageAlertThresholds {
  factor: number;
  minExcessM3: number;
}

export const DEFAULT_USAGE_ALERT: UsageAlertThresholds = { factor: 3, minExcessM3: 20 };

export interface ReadingCheck {
  /** reading − previous reading; null when there is no previous reading. */
  usage: number | null;
  readingLowerThanPrevious: boolean;
  usageFarAbovePrevious: boolean;
  /**
   * 開栓 only: the reading is not the previous one, higher or lower (spec 15(3)ウ(ｱ)a: 表示されている前回指針数値と
   * 異なる場合はその旨を入力する). Other kinds keep their own rules (lower, far above).
   */
  readingDiffersFromPrevious: boolean;
  /** What to ask the worker, in order (wording: templates/results.ja.yaml results.issue.*). */
  questions: ResultIssue[];
}

export function checkReading(
  reading: number,
  order: Pick<ResultOrder, 'kind' | 'previousReading' | 'previousUsage'>,
  thresholds: UsageAlertThresholds = DEFAULT_USAGE_ALERT,
): ReadingCheck {
  assertThresholds(thresholds);
  const { previousReading, previousUsage } = order;
  if (previousReading === null) {
    return { usage: null, readingLowerThanPrevious: false, usageFarAbovePrevious: false, readingDiffersFromPrevious: false, questions: [] };
  }
  const usage = reading - previousReading;
  const readingDiffersFromPrevious = order.kind === 'open' && usage !== 0;
  if (usage < 0) {
    const questions = lowerReadingQuestions(reading, previousReading);
    return { usage, readingLowerThanPrevious: true, usageFarAbovePrevious: false, readingDiffersFromPrevious, questions };
  }
  const far = previousUsage !== null && isFarAbove(usage, previousUsage, thresholds);
  const questions: ResultIssue[] = far
    ? [{ code: 'reading.confirmHighUsage', params: { reading, usage, previousUsage: previousUsage as number } }]
    : [];
  return { usage, readingLowerThanPrevious: false, usageFarAbovePrevious: far, readingDiffersFromPrevious, questions };
}

/** A lower reading means another meter (検満 replacement…) or a misread: ask which, and the meter's data. */
function lowerReadingQuestions(reading: number, previousReading: number): ResultIssue[] {
  return [
    { code: 'meterDiffersFromRecord.missing', params: { reading, previousReading } },
    { code: 'meterNumber.missing' },
    { code: 'meterDiameterMm.missing' },
  ];
}

function isFarAbove(usage: number, previousUsage: number, { factor, minExcessM3 }: UsageAlertThresholds): boolean {
  return usage > previousUsage * factor && usage - previousUsage >= minExcessM3;
}

function assertThresholds({ factor, minExcessM3 }: UsageAlertThresholds): void {
  if (!Number.isFinite(factor) || factor < 1) throw new RangeError(`usage alert factor must be ≥ 1 (got ${factor})`);
  if (!Number.isFinite(minExcessM3) || minExcessM3 < 0) {
    throw new RangeError(`usage alert minimum excess must be ≥ 0 m³ (got ${minExcessM3})`);
  }
}
