import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { resolveDayStaffing, type DayStaffing } from '../../domain/staffing/day-staffing.ts';
import type { AssignmentUnit, PersonRecord } from './ports.ts';

/** The day's staffing (作業者配置表, else the default staffing); a closed day is an error. */
export interface DutyDay {
  staffing: DayStaffing;
  people: Map<string, PersonRecord>;
}

export function assertDate(date: string): void {
  if (!isIsoDate(date)) throw new AppError(ErrorCode.InvalidInput, t('assign.error.badDate', { date }));
}

export async function readDutyDay(unit: AssignmentUnit, date: string, isWorkDay: boolean): Promise<DutyDay> {
  const records = await unit.staffing(date);
  const people = new Map(records.people.map((p) => [p.id, p]));
  const staffing = resolveDayStaffing(date, isWorkDay, records.explicit, records.defaults, (id) => people.get(id)?.active === true);
  if (staffing.source === 'closed') throw new AppError(ErrorCode.InvalidInput, t('assign.error.closedDay', { date }));
  return { staffing, people };
}

/**
 * Who receives orders: the workers on duty. The supervisor (業務責任者) stays at the bureau office
 * (spec 10(2)), so supervisors take orders only when asked, or when nobody else is on duty.
 */
export interface Team {
  workers: string[];
  supervisorFallback: boolean;
}

export function pickTeam(staffing: DayStaffing, includeSupervisors: boolean): Team {
  const onDuty = [...staffing.onDuty].sort();
  const field = onDuty.filter((id) => !staffing.supervisors.includes(id));
  if (onDuty.length === 0) {
    throw new AppError(ErrorCode.InvalidInput, t('assign.error.nobodyOnDuty', { date: staffing.date }));
  }
  if (includeSupervisors) return { workers: onDuty, supervisorFallback: false };
  if (field.length > 0) return { workers: field, supervisorFallback: false };
  return { workers: onDuty, supervisorFallback: true };
}

/** Names of the given people, asking the store for those the staffing did not name. */
export async function namesOf(unit: AssignmentUnit, ids: readonly string[], known: Map<string, PersonRecord>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of ids) {
    const person = known.get(id) ?? (await unit.person(id));
    names.set(id, person?.name ?? id);
  }
  return names;
}
