import { getAfterHoursRoster, type NightRosterWithPeople } from './get-after-hours-roster.ts';
import { requireDate } from './inputs.ts';
import type { Actor, StaffStore } from './ports.ts';

/** Removes every override of the night that starts on `date`: the roster of the range applies. */
export async function clearAfterHoursOverrides(
  deps: { staff: StaffStore },
  date: string,
  actor: Actor,
): Promise<{ removed: number; night: NightRosterWithPeople }> {
  requireDate(date);
  const removed = await deps.staff.write(async (w) => {
    const before = await w.rosterOverrides(date);
    if (before.length === 0) return 0;
    const count = await w.clearRosterOverrides(date);
    await w.audit({ ...actor, action: 'afterHoursOverride.clear', entity: 'AfterHoursOverride', entityId: date, before, after: null });
    return count;
  });
  return { removed, night: await getAfterHoursRoster(deps, date) };
}
