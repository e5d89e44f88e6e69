import { WorkCalendar, type CalendarRules, type HolidayLookup } from '../../domain/calendar/work-calendar.ts';
import { isNationalHoliday } from './national-holidays.ts';

/**
 * The work calendar of the deployment: the rules come from the configuration (config.calendar),
 * national holidays from @holiday-jp/holiday_jp. The lookup is consulted only when
 * rules.closedOnNationalHolidays is true.
 */
export function createWorkCalendar(rules: CalendarRules, holidays: HolidayLookup = isNationalHoliday): WorkCalendar {
  return new WorkCalendar(
    {
      ...rules,
      closedWeekdays: rules.closedWeekdays.map((d) => d.toLowerCase()),
    },
    holidays,
  );
}
