import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { RosterRange } from '../../domain/staffing/after-hours-roster.ts';
import type { ContactCharts } from '../../domain/staffing/contact-chart.ts';
import type { StaffingRow } from '../../domain/staffing/day-staffing.ts';
import { planIdentities, type IdentityPlan } from '../../domain/staffing/identity-sync.ts';
import { planPeople, validateStaffDirectory, type ChannelAddress, type PeoplePlan, type StaffDirectory } from '../../domain/staffing/staff-directory.ts';
import type { ContractorDetails } from '../../domain/reports/contractor.ts';
import type { WorkPlace } from '../../domain/staffing/work-place.ts';
import type { LowStockSetting } from '../../domain/consumables/stock.ts';
import type { PersonField } from '../../domain/staffing/staff-person.ts';
import type { Clock } from '../ports.ts';
import { roleChangesOf } from '../../domain/access/role-grants.ts';
import { describeIssue } from './describe-issues.ts';
import { refuseRoleChanges } from './refuse-role-changes.ts';
import { applyPeoplePlan } from './apply-people-plan.ts';
import type { Actor, StaffReader, StaffStore, StaffWriter } from './ports.ts';

export interface LoadStaffResult {
  dryRun: boolean;
  added: string[];
  updated: { id: string; fields: PersonField[] }[];
  unchanged: string[];
  deactivated: string[];
  identitiesChanged: number;
  changedSections: string[]; // defaultStaffing | afterHoursRoster | contactCharts | workPlaces | channels | contractor | supplies
  /** The file has no `contractor:` section while details are stored: they are (or, on a dry run, would be) removed. */
  contractorRemoved: boolean;
}

interface Change<T> {
  before: T;
  after: T;
}

interface LoadPlan {
  people: PeoplePlan;
  identities: IdentityPlan;
  defaultStaffing: Change<StaffingRow[]> | null;
  afterHoursRoster: Change<RosterRange[]> | null;
  contactCharts: Change<ContactCharts> | null;
  channels: { before: ChannelAddress | null; after: ChannelAddress }[];
  contractor: Change<ContractorDetails | null> | null;
  workPlaces: Change<WorkPlace[]> | null;
  supplies: Change<LowStockSetting | null> | null;
}

/**
 * Applies a staff file in one transaction: people and chat identities upserted, people missing
 * from the file deactivated, default staffing, after-hours roster and contact charts replaced.
 * Only what differs is written and audited, so loading the same file twice changes nothing.
 */
export async function loadStaffDirectory(
  deps: { staff: StaffStore; clock: Clock },
  dir: StaffDirectory,
  /**
   * mayGrantRoles: whether the load may change roles and identities (domain/access/role-grants.ts); when not and it
   * would, nothing is written but the refusal's audit row, and the error names each person and field.
   */
  options: { dryRun?: boolean; actor: Actor; mayGrantRoles: boolean },
): Promise<LoadStaffResult> {
  const issues = validateStaffDirectory(dir);
  if (issues.length > 0) {
    const lines = [t('staff.load.invalid', { count: issues.length }), ...issues.map(describeIssue)];
    throw new AppError(ErrorCode.StaffFileInvalid, lines.join('\n'));
  }
  const outcome = await deps.staff.write(async (writer) => {
    const plan = await planLoad(writer, dir);
    const refused = options.mayGrantRoles ? [] : roleChangesOf(plan.people);
    if (refused.length > 0) return { refused: await refuseRoleChanges(writer, refused, options.actor) };
    if (!options.dryRun) await applyLoad(writer, plan, deps.clock.now(), options.actor);
    return { result: summarize(plan, options.dryRun === true) };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.result;
}

async function planLoad(reader: StaffReader, dir: StaffDirectory): Promise<LoadPlan> {
  const current = await reader.listPeople();
  const wantedDefaults = dir.defaultStaffing.workers
    .map((personId) => ({ personId, onDuty: true, isSupervisor: dir.defaultStaffing.supervisors.includes(personId) }))
    .sort((a, b) => byCodeUnits(a.personId, b.personId));
  const wantedRanges = [...dir.afterHoursRoster].sort((a, b) => byCodeUnits(a.validFrom ?? '', b.validFrom ?? ''));
  const storedChannels = await reader.channels();
  return {
    people: planPeople(current, dir.people),
    identities: planIdentities(current, dir.people),
    defaultStaffing: changeOf(await reader.defaultStaffing(), wantedDefaults),
    afterHoursRoster: changeOf(await reader.rosterRanges(), wantedRanges),
    contactCharts: changeOf(await reader.contactCharts(), dir.contactCharts),
    channels: dir.channels
      .map((c) => ({ before: storedChannels.find((s) => s.key === c.key && s.platform === c.platform) ?? null, after: c }))
      .filter((c) => c.before?.address !== c.after.address),
    contractor: changeOf(await reader.contractor(), dir.contractor ?? null),
    workPlaces: changeOf(await reader.workPlaces(), dir.workPlaces ?? []),
    supplies: changeOf(await reader.lowStockSetting(), dir.lowStock ?? null),
  };
}

/** The order SQLite's BINARY collation gives, so stored and wanted lists line up. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function changeOf<T>(before: T, after: T): Change<T> | null {
  return canonical(before) === canonical(after) ? null : { before, after };
}

/** JSON with sorted keys: two values that mean the same compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

async function applyLoad(w: StaffWriter, plan: LoadPlan, at: Date, actor: Actor): Promise<void> {
  await applyPeoplePlan(w, plan.people, plan.identities, at, actor);
  const audit = (action: string, entity: string, change: Change<unknown>, entityId: string | null = null) =>
    w.audit({ ...actor, action, entity, entityId, before: change.before, after: change.after });
  if (plan.defaultStaffing) {
    await w.replaceDefaultStaffing(plan.defaultStaffing.after);
    await audit('defaultStaffing.replace', 'DefaultStaffing', plan.defaultStaffing);
  }
  if (plan.afterHoursRoster) {
    await w.replaceRosterRanges(plan.afterHoursRoster.after);
    await audit('afterHoursRoster.replace', 'AfterHoursRosterEntry', plan.afterHoursRoster);
  }
  if (plan.contactCharts) {
    await w.replaceContactCharts(plan.contactCharts.after);
    await audit('contactChart.replace', 'ContactChartLevel', plan.contactCharts);
  }
  if (plan.workPlaces) {
    await w.replaceWorkPlaces(plan.workPlaces.after);
    await audit('workPlace.replace', 'WorkPlace', plan.workPlaces);
  }
  if (plan.supplies) {
    await w.replaceLowStockSetting(plan.supplies.after);
    await audit('supplies.replace', 'SupplySettings', plan.supplies);
  }
  for (const channel of plan.channels) {
    await w.setChannel(channel.after);
    await audit('chatConversation.set', 'ChatConversation', channel, `${channel.after.platform}:channel:${channel.after.key}`);
  }
  if (plan.contractor) {
    await w.replaceContractor(plan.contractor.after);
    await audit('contractor.replace', 'ContractorDetails', { before: audited(plan.contractor.before), after: audited(plan.contractor.after) });
  }
}

function summarize(plan: LoadPlan, dryRun: boolean): LoadStaffResult {
  const sections = (['defaultStaffing', 'afterHoursRoster', 'contactCharts', 'workPlaces', 'supplies'] as const).filter((s) => plan[s] !== null);
  return {
    dryRun,
    added: plan.people.added.map((p) => p.id),
    updated: plan.people.updated.map((u) => ({ id: u.after.id, fields: u.fields })),
    unchanged: plan.people.unchanged,
    deactivated: plan.people.deactivated.map((p) => p.id),
    identitiesChanged: plan.identities.add.length + plan.identities.remove.length,
    changedSections: [...sections, ...(plan.channels.length > 0 ? ['channels'] : []), ...(plan.contractor ? ['contractor'] : [])],
    contractorRemoved: plan.contractor !== null && plan.contractor.before !== null && plan.contractor.after === null,
  };
}

/** The representative's name and the phone are recorded as set, like a person's (no personal values in the audit log). */
function audited(c: ContractorDetails | null): unknown {
  return c && { ...c, representative: { title: c.representative.title, name: '(set)' }, phone: c.phone === null ? null : '(set)' };
}
