import { describe, expect, it } from 'vitest';
import { placeConsoleClock, type PlacementInput } from '../../../../src/domain/calendar/console-start.ts';
import { tokyoInstant } from '../../../../src/domain/calendar/local-time.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../../../../src/domain/calendar/work-calendar.ts';

const calendar = new WorkCalendar({ ...SPEC_CALENDAR, closedWeekdays: ['sun'] });
const morningOf = (date: string) => tokyoInstant(date, '07:55');
const at = (date: string, time: string) => tokyoInstant(date, time);
const place = (now: Date, o: Partial<PlacementInput> = {}) => placeConsoleClock({ now, calendar, morningOf, emptyDatabase: true, ...o });

describe('where the console clock starts', () => {
  it('an empty database: before the day this morning, during it now, after it (or on a closed day) the next work day\'s morning', () => {
    expect(place(at('2026-03-27', '06:10'))).toEqual({ kind: 'morning', date: '2026-03-27', at: at('2026-03-27', '07:55') });
    expect(place(at('2026-03-27', '08:10'))).toEqual({ kind: 'now', date: '2026-03-27', at: at('2026-03-27', '08:10') });
    expect(place(at('2026-03-27', '17:44'))).toMatchObject({ kind: 'now' });
    expect(place(at('2026-03-27', '17:45'))).toEqual({ kind: 'nextWorkDay', date: '2026-03-28', at: at('2026-03-28', '07:55') });
    expect(place(at('2026-03-28', '19:00'))).toEqual({ kind: 'nextWorkDay', date: '2026-03-30', at: at('2026-03-30', '07:55') });
    expect(place(at('2026-12-31', '10:00'))).toMatchObject({ kind: 'nextWorkDay', date: '2027-01-04' });
  });

  it('a database in use runs now, or resumes its console clock where it was, ahead of the wall clock or behind it', () => {
    expect(place(at('2026-03-27', '19:00'), { emptyDatabase: false })).toMatchObject({ kind: 'now' });
    const ahead = at('2026-03-28', '09:40');
    expect(place(at('2026-03-27', '19:30'), { emptyDatabase: false, lastClock: ahead })).toEqual({ kind: 'resume', date: '2026-03-28', at: ahead });
    const behind = at('2026-03-28', '10:00');
    expect(place(at('2026-12-07', '12:18'), { emptyDatabase: false, lastClock: behind })).toEqual({ kind: 'resume', date: '2026-03-28', at: behind });
  });

  it('--date: its morning, the same day resumed, a closed day or a passed day refused', () => {
    expect(place(at('2026-03-27', '19:00'), { requestedDate: '2026-04-02' })).toEqual({ kind: 'date', date: '2026-04-02', at: at('2026-04-02', '07:55') });
    const earlier = at('2026-03-30', '09:01');
    expect(place(at('2026-03-27', '19:00'), { requestedDate: '2026-04-02', lastClock: earlier })).toEqual({
      kind: 'date', date: '2026-04-02', at: at('2026-04-02', '07:55'), from: earlier,
    });
    expect(place(at('2026-03-27', '19:00'), { requestedDate: '2026-03-29' })).toEqual({ refused: 'notWorkDay', date: '2026-03-29', nextWorkDay: '2026-03-30' });
    const last = at('2026-04-02', '11:00');
    expect(place(at('2026-03-27', '19:00'), { requestedDate: '2026-04-02', lastClock: last })).toEqual({ kind: 'resume', date: '2026-04-02', at: last });
    expect(place(at('2026-03-27', '19:00'), { requestedDate: '2026-04-01', lastClock: last })).toEqual({ refused: 'clockBack', date: '2026-04-01', clockAt: last });
  });
});
