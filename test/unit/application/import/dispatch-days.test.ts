import { describe, expect, it } from 'vitest';
import { deferredDates, deferredLines } from '../../../../src/application/import/dispatch-days.ts';
import { WorkCalendar, SPEC_CALENDAR } from '../../../../src/domain/calendar/work-calendar.ts';

/** Weekends closed besides 12/31–1/3. 2026-12-26 is a Saturday. */
const calendar = new WorkCalendar({ ...SPEC_CALENDAR, closedWeekdays: ['sat', 'sun'] });
const byDate = (...dates: [string, number][]) => dates.map(([date, count]) => ({ date, count }));

describe('deferredDates: the work day an imported order is dispatched on when it is not its own date', () => {
  it('a future closed day goes to the first work day after it; work days on or after today are not listed', () => {
    const out = deferredDates(byDate(['2026-12-22', 3], ['2026-12-26', 2], ['2026-12-31', 1], ['2027-01-02', 1]), { calendar, today: '2026-12-22', assignedToday: false });
    expect(out).toEqual([
      { date: '2026-12-26', count: 2, closed: true, dispatchOn: '2026-12-28' },
      { date: '2026-12-31', count: 1, closed: true, dispatchOn: '2027-01-04' },
      { date: '2027-01-02', count: 1, closed: true, dispatchOn: '2027-01-04' },
    ]);
  });

  it('a date already behind goes to today when today is still to be assigned, else to the next work day', () => {
    const dates = byDate(['2026-12-18', 1], ['2026-12-19', 4]);
    expect(deferredDates(dates, { calendar, today: '2026-12-22', assignedToday: false }).map((d) => [d.date, d.closed, d.dispatchOn])).toEqual([
      ['2026-12-18', false, '2026-12-22'],
      ['2026-12-19', true, '2026-12-22'],
    ]);
    expect(deferredDates(dates, { calendar, today: '2026-12-22', assignedToday: true }).map((d) => d.dispatchOn)).toEqual(['2026-12-23', '2026-12-23']);
    // Imported on Sunday for Saturday: Monday.
    expect(deferredDates(byDate(['2026-12-26', 1]), { calendar, today: '2026-12-27', assignedToday: false })[0]!.dispatchOn).toBe('2026-12-28');
  });

  it('words them in Japanese, nothing when every order is on its own date', () => {
    expect(deferredLines([])).toEqual([]);
    const out = deferredDates(byDate(['2026-12-18', 1], ['2026-12-26', 2]), { calendar, today: '2026-12-22', assignedToday: true });
    expect(deferredLines(out)).toEqual([
      '作業予定日に配らない作業が 3 件あります (休業日 2 件 / 過ぎた日付 1 件)。次の作業日の振り分けで「繰越」として配ります:',
      '  12月18日(金) (振り分け済み・過ぎた日付) の 1 件 → 12月23日(水) に配ります',
      '  12月26日(土) (休業日) の 2 件 → 12月28日(月) に配ります',
    ]);
  });
});
