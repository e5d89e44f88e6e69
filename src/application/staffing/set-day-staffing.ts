import { checkStaffingSelection } from '../../domain/staffing/staffing-checks.ts';
import type { DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { issueMessage } from './describe-issues.ts';
import { getDayStaffing } from './get-day-staffing.ts';
import { lookupOf, requireDate } from './inputs.ts';
import type { Actor, StaffDeps } from './ports.ts';

export interface SetDayStaffingInput {
  date: string;
  workers: string[];
  supervisors: string[];
  force?: boolean; // allow a closed day
  actor: Actor;
}

/**
 * Explicit 作業者配置表 and 業務責任者 for one date, replacing the default for that date.
 * Supervisors must be on duty and allowed to supervise; a closed day needs `force`.
 */
export async function setDayStaffing(deps: Pick<StaffDeps, 'staff' | 'calendar'>, input: SetDayStaffingInput): Promise<DayStaffing> {
  const { date, workers, supervisors } = input;
  requireDate(date);
  if (!deps.calendar.isWorkDay(date) && !input.force) {
    throw new AppError(ErrorCode.Conflict, t('roster.closedDayRefused', { date }));
  }
  await deps.staff.write(async (w) => {
    const issues = checkStaffingSelection(workers, supervisors, lookupOf(await w.listPeople()), { allowEmpty: false, date });
    if (issues.length > 0) throw new AppError(ErrorCode.InvalidInput, issues.map(issueMessage).join('\n'));
    const before = await w.explicitStaffing(date);
    const rows = workers.map((personId) => ({ personId, onDuty: true, isSupervisor: supervisors.includes(personId) }));
    await w.replaceExplicitStaffing(date, rows);
    await w.audit({ ...input.actor, action: 'dailyStaffing.set', entity: 'DailyStaffing', entityId: date, before: before.length ? before : null, after: rows });
  });
  return getDayStaffing(deps, date);
}
