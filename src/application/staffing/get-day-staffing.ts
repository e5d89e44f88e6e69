import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import { isAvailableOn } from '../../domain/staffing/availability.ts';
import { resolveDayStaffing, type DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { blocksDispatch, idCardStatus } from '../../domain/staffing/id-card.ts';
import { requireDate } from './inputs.ts';
import type { StaffReader } from './ports.ts';

export interface DayStaffingDeps {
  staff: Pick<StaffReader, 'listPeople' | 'explicitStaffing' | 'defaultStaffing'>;
  calendar: Pick<WorkCalendar, 'isWorkDay'>;
}

/**
 * 作業者配置表 of a date: explicit rows (`roster set`) win, otherwise the default staffing of the
 * staff file on a work day; a closed day has nobody. `benched`: those on duty whose ID card keeps them from work.
 * Assignment and the morning post call this.
 */
export async function getDayStaffing(deps: DayStaffingDeps, date: string): Promise<DayStaffing> {
  requireDate(date);
  const [people, explicit, defaults] = await Promise.all([
    deps.staff.listPeople(),
    deps.staff.explicitStaffing(date),
    deps.staff.defaultStaffing(),
  ]);
  const available = new Set(people.filter((p) => isAvailableOn(p, date)).map((p) => p.id));
  const staffing = resolveDayStaffing(date, deps.calendar.isWorkDay(date), explicit, defaults, (id) => available.has(id));
  const byId = new Map(people.map((p) => [p.id, p]));
  const benched = staffing.onDuty
    .map((personId) => ({ personId, cardState: idCardStatus(byId.get(personId)?.idCard ?? null, true, date).state }))
    .filter((b) => blocksDispatch(b.cardState));
  return { ...staffing, benched };
}
