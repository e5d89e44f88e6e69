import { isOnStaffOn } from '../../domain/staffing/availability.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { idCardStatus, type IdCardStatus } from '../../domain/staffing/id-card.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { Clock } from '../ports.ts';
import type { StaffReader } from './ports.ts';

export interface StaffListEntry {
  person: StaffPerson;
  idCard: IdCardStatus;
}

/** Everybody (active first, then by id) with the state of their ID card as of today (spec 9(4)). */
export async function listStaff(deps: { staff: Pick<StaffReader, 'listPeople'>; clock: Clock }): Promise<{ today: string; entries: StaffListEntry[] }> {
  const today = tokyoDate(deps.clock.now());
  const people = await deps.staff.listPeople();
  const entries = people
    .map((person) => ({ person, idCard: idCardStatus(person.idCard, isOnStaffOn(person, today), today) }))
    .sort((a, b) => Number(b.person.active) - Number(a.person.active) || a.person.id.localeCompare(b.person.id));
  return { today, entries };
}
