import { describe, expect, it } from 'vitest';
import { checkReading, DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import type { TaskKind } from '../../../../src/domain/work-order/task-kind.ts';

const order = (previousReading: number | null, previousUsage: number | null, kind: TaskKind = 'close') => ({ kind, previousReading, previousUsage });
const codes = (r: ReturnType<typeof checkReading>) => r.questions.map((q) => q.code);

describe('checkReading', () => {
  it('defaults to 3× the previous usage and at least 20 m³ more', () => {
    expect(DEFAULT_USAGE_ALERT).toEqual({ factor: 3, minExcessM3: 20 });
  });

  it('checks nothing without a previous reading', () => {
    expect(checkReading(1187, order(null, 30))).toEqual({
      usage: null,
      readingLowerThanPrevious: false,
      usageFarAbovePrevious: false,
      readingDiffersFromPrevious: false,
      questions: [],
    });
  });

  it('accepts an ordinary usage', () => {
    const r = checkReading(1216, order(1186, 52));
    expect(r).toMatchObject({ usage: 30, readingLowerThanPrevious: false, usageFarAbovePrevious: false });
    expect(r.questions).toEqual([]);
  });

  it('accepts the same reading as last time (no usage)', () => {
    expect(checkReading(1186, order(1186, 52))).toMatchObject({ usage: 0, readingLowerThanPrevious: false, usageFarAbovePrevious: false });
  });

  it('flags a reading lower than the previous one and asks about the meter', () => {
    const r = checkReading(1100, order(1186, 52));
    expect(r).toMatchObject({ usage: -86, readingLowerThanPrevious: true, usageFarAbovePrevious: false });
    expect(codes(r)).toEqual(['meterDiffersFromRecord.missing', 'meterNumber.missing', 'meterDiameterMm.missing']);
    expect(r.questions[0]?.params).toEqual({ reading: 1100, previousReading: 1186 });
  });

  it('flags a usage far above the previous one and asks to confirm the reading', () => {
    const r = checkReading(1236, order(1186, 10)); // usage 50 > 30 and 40 m³ more
    expect(r).toMatchObject({ usage: 50, usageFarAbovePrevious: true, readingLowerThanPrevious: false });
    expect(r.questions).toEqual([{ code: 'reading.confirmHighUsage', params: { reading: 1236, usage: 50, previousUsage: 10 } }]);
  });

  it('does not flag a high ratio on small volumes (below the minimum excess)', () => {
    expect(checkReading(1196, order(1186, 2)).usageFarAbovePrevious).toBe(false); // 10 m³: 5×, only 8 m³ more
  });

  it('does not flag a large excess that stays within the factor', () => {
    expect(checkReading(1436, order(1186, 100)).usageFarAbovePrevious).toBe(false); // 250 m³ < 300
  });

  it('needs strictly more than factor × previous usage', () => {
    expect(checkReading(1216, order(1186, 10)).usageFarAbovePrevious).toBe(false); // exactly 30 = 3 × 10
    expect(checkReading(1217, order(1186, 10)).usageFarAbovePrevious).toBe(true);
  });

  it('handles a previous usage of 0 with the minimum excess alone', () => {
    expect(checkReading(1205, order(1186, 0)).usageFarAbovePrevious).toBe(false); // 19 m³
    expect(checkReading(1206, order(1186, 0)).usageFarAbovePrevious).toBe(true); // 20 m³
    expect(checkReading(1186, order(1186, 0)).usageFarAbovePrevious).toBe(false);
  });

  it('checks only the lower reading when the previous usage is unknown', () => {
    const r = checkReading(5000, order(1186, null));
    expect(r).toMatchObject({ usage: 3814, usageFarAbovePrevious: false, questions: [] });
  });

  it('uses the thresholds it is given', () => {
    const thresholds = { factor: 2, minExcessM3: 5 };
    expect(checkReading(1197, order(1186, 5), thresholds).usageFarAbovePrevious).toBe(true); // 11 > 10, 6 more
    expect(checkReading(1197, order(1186, 5)).usageFarAbovePrevious).toBe(false);
  });

  it('refuses thresholds that make no sense', () => {
    expect(() => checkReading(1, order(0, 0), { factor: 0.5, minExcessM3: 20 })).toThrow(RangeError);
    expect(() => checkReading(1, order(0, 0), { factor: Number.NaN, minExcessM3: 20 })).toThrow(RangeError);
    expect(() => checkReading(1, order(0, 0), { factor: 3, minExcessM3: -1 })).toThrow(RangeError);
  });

  it('flags an 開栓 reading that differs from the previous one either way, and no other kind (spec 15(3)ウ(ｱ)a)', () => {
    expect(checkReading(9004, order(9000, 40, 'open')).readingDiffersFromPrevious).toBe(true);
    expect(checkReading(8990, order(9000, 40, 'open')).readingDiffersFromPrevious).toBe(true);
    expect(checkReading(9000, order(9000, 40, 'open')).readingDiffersFromPrevious).toBe(false);
    expect(checkReading(9004, order(null, null, 'open')).readingDiffersFromPrevious).toBe(false);
    for (const kind of ['close', 'transfer', 'other'] as const) {
      expect(checkReading(9004, order(9000, 40, kind)).readingDiffersFromPrevious).toBe(false);
    }
  });
});
