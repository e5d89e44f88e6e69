import { resolveAfterHoursRoster, type NightRoster } from '../../domain/staffing/after-hours-roster.ts';
import { isAvailableOn } from '../../domain/staffing/availability.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import { requireDate } from './inputs.ts';
import type { StaffReader } from './ports.ts';

export interface NightRosterWithPeople extends NightRoster {
  members: StaffPerson[]; // same order as personIds: who to call, first to last
}

/**
 * 時間外作業者配置表 for the night that starts on `date`: the range valid on that date, then the
 * overrides of that night; people not available on the date are left out. Complaint paging calls this.
 */
export async function getAfterHoursRoster(
  deps: { staff: Pick<StaffReader, 'listPeople' | 'rosterRanges' | 'rosterOverrides'> },
  date: string,
): Promise<NightRosterWithPeople> {
  requireDate(date);
  const [people, ranges, overrides] = await Promise.all([
    deps.staff.listPeople(),
    deps.staff.rosterRanges(),
    deps.staff.rosterOverrides(date),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const night = resolveAfterHoursRoster(date, ranges, overrides, (id) => isAvailableOn(byId.get(id), date));
  return { ...night, members: night.personIds.map((id) => byId.get(id)!) };
}
