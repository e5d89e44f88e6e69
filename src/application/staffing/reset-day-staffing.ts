import type { DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { getDayStaffing } from './get-day-staffing.ts';
import { requireDate } from './inputs.ts';
import type { Actor, StaffDeps } from './ports.ts';

export interface ResetResult {
  removed: boolean; // false: the date had no explicit staffing
  staffing: DayStaffing;
}

/** Drops the explicit staffing of a date: the default staffing applies again. */
export async function resetDayStaffing(deps: Pick<StaffDeps, 'staff' | 'calendar'>, date: string, actor: Actor): Promise<ResetResult> {
  requireDate(date);
  const removed = await deps.staff.write(async (w) => {
    const before = await w.explicitStaffing(date);
    if (before.length === 0) return false;
    await w.replaceExplicitStaffing(date, []);
    await w.audit({ ...actor, action: 'dailyStaffing.reset', entity: 'DailyStaffing', entityId: date, before, after: null });
    return true;
  });
  return { removed, staffing: await getDayStaffing(deps, date) };
}
