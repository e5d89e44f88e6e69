import { describe, expect, it } from 'vitest';
import {
  applyOverride,
  rangeFor,
  resolveAfterHoursRoster,
  validateRosterRanges,
  type RosterRange,
} from '../../../../src/domain/staffing/after-hours-roster.ts';

const ranges: RosterRange[] = [
  { validFrom: null, validTo: '2026-03-31', personIds: ['w02', 'w03'] },
  { validFrom: '2026-04-01', validTo: '2026-09-30', personIds: ['w04', 'w02'] },
  { validFrom: '2026-10-01', validTo: null, personIds: ['w05'] },
];
const everyone = () => true;

describe('after-hours roster', () => {
  it('picks the range valid on the date, both ends inclusive, open ends unbounded', () => {
    expect(rangeFor(ranges, '2020-01-01')?.personIds).toEqual(['w02', 'w03']);
    expect(rangeFor(ranges, '2026-03-31')?.personIds).toEqual(['w02', 'w03']);
    expect(rangeFor(ranges, '2026-04-01')?.personIds).toEqual(['w04', 'w02']);
    expect(rangeFor(ranges, '2026-09-30')?.personIds).toEqual(['w04', 'w02']);
    expect(rangeFor(ranges, '2099-12-31')?.personIds).toEqual(['w05']);
    expect(rangeFor([ranges[1]!], '2026-03-31')).toBeNull();
  });

  it('puts a covering person in the replaced place, or first', () => {
    expect(applyOverride(['w02', 'w03'], { personId: 'w04', replacesPersonId: 'w02', note: null })).toEqual(['w04', 'w03']);
    expect(applyOverride(['w02', 'w03'], { personId: 'w04', replacesPersonId: 'w03', note: null })).toEqual(['w02', 'w04']);
    expect(applyOverride(['w02', 'w03'], { personId: 'w04', replacesPersonId: null, note: null })).toEqual(['w04', 'w02', 'w03']);
  });

  it('moves someone already listed instead of listing them twice', () => {
    expect(applyOverride(['w02', 'w03'], { personId: 'w03', replacesPersonId: null, note: null })).toEqual(['w03', 'w02']);
    expect(applyOverride(['w02', 'w03', 'w04'], { personId: 'w04', replacesPersonId: 'w02', note: null })).toEqual(['w04', 'w03']);
  });

  it('keeps the covering person first when the replaced person left the roster', () => {
    expect(applyOverride(['w02', 'w03'], { personId: 'w05', replacesPersonId: 'w09', note: null })).toEqual(['w05', 'w02', 'w03']);
  });

  it('applies the night’s overrides in order and leaves inactive people out', () => {
    const night = resolveAfterHoursRoster(
      '2026-04-10',
      ranges,
      [
        { personId: 'w06', replacesPersonId: 'w04', note: '通院' },
        { personId: 'w01', replacesPersonId: null, note: null },
      ],
      (id) => id !== 'w02',
    );
    expect(night.range?.validFrom).toBe('2026-04-01');
    expect(night.personIds).toEqual(['w01', 'w06']);
    expect(night.overrides).toHaveLength(2);
  });

  it('gives an empty night when no range applies', () => {
    const night = resolveAfterHoursRoster('2026-03-01', [ranges[1]!], [], everyone);
    expect(night).toEqual({ date: '2026-03-01', range: null, overrides: [], personIds: [] });
  });

  it('refuses reversed and overlapping ranges and people listed twice', () => {
    const issues = validateRosterRanges([
      { validFrom: '2026-04-01', validTo: '2026-03-01', personIds: ['w02'] },
      { validFrom: null, validTo: null, personIds: ['w03', 'w03'] },
      { validFrom: '2027-01-01', validTo: null, personIds: ['w04'] },
    ]);
    expect(issues).toEqual([
      { path: [0, 'validTo'], code: 'rangeReversed', params: { from: '2026-04-01', to: '2026-03-01' } },
      { path: [1], code: 'rangeOverlap', params: { other: 0 } },
      { path: [1, 'people', 1], code: 'duplicateInList', params: { value: 'w03' } },
      { path: [2], code: 'rangeOverlap', params: { other: 1 } },
    ]);
    expect(validateRosterRanges(ranges)).toEqual([]);
  });
});
