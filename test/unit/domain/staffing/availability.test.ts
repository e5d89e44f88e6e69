import { describe, expect, it } from 'vitest';
import { datesLabel, isAvailableOn, isOnStaffOn } from '../../../../src/domain/staffing/availability.ts';

const leaver = { active: true, from: null, until: '2026-03-16' };
const joiner = { active: true, from: '2026-03-20', until: null };
const temp = { active: true, from: '2026-03-10', until: '2026-03-12' };

describe('who may work on a date', () => {
  it('is everyone active when no dates are given', () => {
    expect(isAvailableOn({ active: true, from: null, until: null }, '2026-03-16')).toBe(true);
    expect(isAvailableOn({ active: false, from: null, until: null }, '2026-03-16')).toBe(false);
    expect(isAvailableOn(undefined, '2026-03-16')).toBe(false);
  });

  it('counts both ends as working days', () => {
    expect(isAvailableOn(leaver, '2026-03-16')).toBe(true);
    expect(isAvailableOn(leaver, '2026-03-17')).toBe(false);
    expect(isAvailableOn(joiner, '2026-03-19')).toBe(false);
    expect(isAvailableOn(joiner, '2026-03-20')).toBe(true);
    expect(['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'].map((d) => isAvailableOn(temp, d))).toEqual([false, true, true, false]);
  });

  it('never lets an inactive person work, whatever the dates', () => {
    expect(isAvailableOn({ ...temp, active: false }, '2026-03-11')).toBe(false);
  });

  it('keeps a joiner on the staff before they start (their ID card is not to be returned), not a leaver after', () => {
    expect(isOnStaffOn(joiner, '2026-03-01')).toBe(true);
    expect(isOnStaffOn(leaver, '2026-03-16')).toBe(true);
    expect(isOnStaffOn(leaver, '2026-03-17')).toBe(false);
  });

  it('names the dates for a message', () => {
    expect([datesLabel(leaver), datesLabel(joiner), datesLabel(temp)]).toEqual(['〜2026-03-16', '2026-03-20〜', '2026-03-10〜2026-03-12']);
  });
});
