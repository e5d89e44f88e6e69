import { isIsoDate } from '../../domain/calendar/local-time.ts';
import type { StaffingPersonInfo } from '../../domain/staffing/staffing-checks.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

/** A calendar date given by a user: YYYY-MM-DD and real (2026-02-30 is refused). */
export function requireDate(date: string): string {
  if (!isIsoDate(date)) throw new AppError(ErrorCode.InvalidInput, t('staff.invalidDate', { value: date }));
  return date;
}

export function lookupOf(people: readonly StaffPerson[]): (id: string) => (StaffPerson & StaffingPersonInfo) | undefined {
  const byId = new Map(people.map((p) => [p.id, p]));
  return (id) => byId.get(id);
}
