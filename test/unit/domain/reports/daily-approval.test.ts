import { describe, expect, it } from 'vitest';
import { unapprovedDays } from '../../../../src/domain/reports/daily-approval.ts';

describe('unapprovedDays', () => {
  const work = ['2026-12-28', '2026-12-29', '2026-12-30'];
  it('lists drafts, and days never compiled whose results are counted, before today, in date order', () => {
    const reports = new Map([['2026-12-28', 'approved'], ['2026-12-29', 'draft']] as const);
    const counted = new Set(['2026-12-30', '2026-12-26']); // 12/26: a Saturday with results (overtime)
    expect(unapprovedDays(work, counted, reports, '2027-01-04')).toEqual([
      { date: '2026-12-26', state: 'none' },
      { date: '2026-12-29', state: 'draft' },
      { date: '2026-12-30', state: 'none' },
    ]);
  });
  it('leaves out approved and sent reports, work days with nothing counted, and today or later', () => {
    const reports = new Map([['2026-12-28', 'sent'], ['2026-12-30', 'draft']] as const);
    expect(unapprovedDays(work, new Set(), reports, '2026-12-30')).toEqual([]);
  });
});
