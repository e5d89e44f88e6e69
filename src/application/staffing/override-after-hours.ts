import { checkRosterMember } from '../../domain/staffing/staffing-checks.ts';
import type { RosterOverride } from '../../domain/staffing/after-hours-roster.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { issueMessage } from './describe-issues.ts';
import { getAfterHoursRoster, type NightRosterWithPeople } from './get-after-hours-roster.ts';
import { lookupOf, requireDate } from './inputs.ts';
import type { Actor, StaffStore, StaffWriter } from './ports.ts';

export interface OverrideInput {
  date: string;
  personId: string;
  replacesPersonId: string | null; // null: the person is called first
  note: string | null;
  actor: Actor;
  /** The inbound chat event (当番交代) making it: its replay after a crash adds nothing again. */
  sourceEventId?: number;
}

/**
 * Someone covers one night: takes the replaced person's place, or the first place. The override an inbound chat event
 * made before (the event is replayed after a crash) stands: nothing is checked or added again.
 */
export async function overrideAfterHours(deps: { staff: StaffStore }, input: OverrideInput): Promise<NightRosterWithPeople> {
  requireDate(input.date);
  await deps.staff.write(async (w) => {
    if (input.sourceEventId !== undefined && (await w.rosterOverrideOfEvent(input.sourceEventId))) return;
    const problems = checkRosterMember(input.personId, ['person'], lookupOf(await w.listPeople()));
    if (problems.length > 0) throw new AppError(ErrorCode.InvalidInput, problems.map(issueMessage).join('\n'));
    await checkReplaced(w, input);
    const override: RosterOverride = { personId: input.personId, replacesPersonId: input.replacesPersonId, note: input.note };
    await w.addRosterOverride(input.date, override, input.sourceEventId);
    await w.audit({ ...input.actor, action: 'afterHoursOverride.add', entity: 'AfterHoursOverride', entityId: input.date, before: null, after: override });
  });
  return getAfterHoursRoster(deps, input.date);
}

async function checkReplaced(w: StaffWriter, input: OverrideInput): Promise<void> {
  const replaced = input.replacesPersonId;
  if (replaced === null) return;
  if (replaced === input.personId) throw new AppError(ErrorCode.InvalidInput, t('roster.replacesSelf', { id: replaced }));
  const night = await getAfterHoursRoster({ staff: w }, input.date);
  if (!night.personIds.includes(replaced)) {
    throw new AppError(ErrorCode.InvalidInput, t('roster.replacedNotOnRoster', { id: replaced, date: input.date }));
  }
}
