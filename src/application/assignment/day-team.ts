import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { isAvailableOn } from '../../domain/staffing/availability.ts';
import { resolveDayStaffing, type DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { selectTeam, type Team } from '../../domain/assignment/team.ts';
import { idCardStatus, type IdCardState } from '../../domain/staffing/id-card.ts';
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
  const staffing = resolveDayStaffing(date, isWorkDay, records.explicit, records.defaults, (id) => isAvailableOn(people.get(id), date));
  if (staffing.source === 'closed') throw new AppError(ErrorCode.InvalidInput, t('assign.error.closedDay', { date }));
  return { staffing, people };
}

/** The team of the day (domain/assignment/team.ts); nobody on duty at all is an error. */
export function pickTeam(duty: DutyDay, includeSupervisors: boolean): Team {
  if (duty.staffing.onDuty.length === 0) {
    throw new AppError(ErrorCode.InvalidInput, t('assign.error.nobodyOnDuty', { date: duty.staffing.date }));
  }
  return selectTeam(duty.staffing, includeSupervisors, (id) => cardStateOn(duty, id));
}

function cardStateOn(duty: DutyDay, personId: string): IdCardState {
  const person = duty.people.get(personId);
  return idCardStatus(person?.idCard ?? null, isAvailableOn(person, duty.staffing.date), duty.staffing.date).state;
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
