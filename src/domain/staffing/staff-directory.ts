import type { ContractorDetails } from '../reports/contractor.ts';
import type { LowStockSetting } from '../consumables/stock.ts';
import type { WorkPlace } from './work-place.ts';
import { validateRosterRanges, type RosterRange } from './after-hours-roster.ts';
import { CHART_NAMES, validateChartLevels, type ContactCharts } from './contact-chart.ts';
import { issue, under, type StaffIssue } from './staff-issue.ts';
import { changedFields, identityEntries, type ChatPlatform, type PersonField, type StaffPerson } from './staff-person.ts';
import { checkRosterMember, checkStaffingSelection, type PersonLookup } from './staffing-checks.ts';

/** Where the bot posts for a purpose (key 'bureau' → the bureau's channel) on one platform. */
export interface ChannelAddress {
  key: string;
  platform: ChatPlatform;
  address: string;
}

/** Everything the staff file holds: people, default staffing, after-hours roster, charts, channels. */
export interface StaffDirectory {
  people: StaffPerson[];
  defaultStaffing: { workers: string[]; supervisors: string[] };
  afterHoursRoster: RosterRange[];
  contactCharts: ContactCharts;
  channels: ChannelAddress[];
  /** The `contractor:` section (受注者の情報); absent or null = not set, and the stored details are removed. */
  contractor?: ContractorDetails | null;
  /** `supplies.lowStock` (在庫注意の基準); absent or null = not set, the defaults apply. */
  lowStock?: LowStockSetting | null;
  /** 作業場所・保管場所 (annex art. 4); absent: none set. */
  workPlaces?: WorkPlace[];
  /** `photo:` of the people who have one (file as written, relative to the staff file; index in people). */
  photos?: { personId: string; file: string; index: number }[];
}

/** Rules across the whole document; paths follow the staff file (people[2].chat.slack …). */
export function validateStaffDirectory(dir: StaffDirectory): StaffIssue[] {
  const byId = new Map<string, StaffPerson>();
  for (const p of dir.people) if (!byId.has(p.id)) byId.set(p.id, p); // a duplicate is reported, the first counts
  const personOf: PersonLookup = (id) => byId.get(id);
  return [
    ...checkPeople(dir.people),
    ...under(['defaultStaffing'], checkStaffingSelection(dir.defaultStaffing.workers, dir.defaultStaffing.supervisors, personOf, { allowEmpty: true })),
    ...under(['afterHoursRoster'], validateRosterRanges(dir.afterHoursRoster)),
    ...dir.afterHoursRoster.flatMap((r, i) =>
      r.personIds.flatMap((id, j) => checkRosterMember(id, ['afterHoursRoster', i, 'people', j], personOf)),
    ),
    ...CHART_NAMES.flatMap((name) => under(['contactCharts', name], validateChartLevels(dir.contactCharts[name], personOf))),
  ];
}

function checkPeople(people: readonly StaffPerson[]): StaffIssue[] {
  const issues: StaffIssue[] = [];
  const firstIndex = new Map<string, number>();
  const identityOwner = new Map<string, string>();
  const osUserOwner = new Map<string, string>();
  people.forEach((p, i) => {
    const osOwner = p.osUser ? osUserOwner.get(p.osUser) : undefined;
    if (osOwner !== undefined) issues.push(issue(['people', i, 'osUser'], 'duplicateOsUser', { value: p.osUser!, other: osOwner }));
    else if (p.osUser) osUserOwner.set(p.osUser, p.id);
    if (firstIndex.has(p.id)) issues.push(issue(['people', i, 'id'], 'duplicateId', { id: p.id }));
    else firstIndex.set(p.id, i);
    if (p.from !== null && p.until !== null && p.until < p.from) issues.push(issue(['people', i, 'until'], 'untilBeforeFrom', { from: p.from, until: p.until }));
    if (p.affiliation === 'bureau' && p.canSupervise) issues.push(issue(['people', i, 'canSupervise'], 'bureauCannotSupervise', { id: p.id }));
    for (const [platform, external] of identityEntries(p)) {
      const key = `${platform}:${external}`;
      const owner = identityOwner.get(key);
      if (owner !== undefined) issues.push(issue(['people', i, 'chat', platform], 'duplicateIdentity', { value: external, other: owner }));
      else identityOwner.set(key, p.id);
    }
  });
  return issues;
}

export interface PersonUpdate {
  before: StaffPerson;
  after: StaffPerson;
  fields: PersonField[];
}

export interface PeoplePlan {
  added: StaffPerson[];
  updated: PersonUpdate[];
  unchanged: string[];
  deactivated: StaffPerson[]; // active people missing from the file (as they were)
}

/** Compares the stored people with the file: nobody is deleted, people missing are deactivated. */
export function planPeople(current: readonly StaffPerson[], incoming: readonly StaffPerson[]): PeoplePlan {
  const stored = new Map(current.map((p) => [p.id, p]));
  const inFile = new Set(incoming.map((p) => p.id));
  const plan: PeoplePlan = { added: [], updated: [], unchanged: [], deactivated: [] };
  for (const person of incoming) {
    const before = stored.get(person.id);
    if (!before) {
      plan.added.push(person);
      continue;
    }
    const fields = changedFields(before, person);
    if (fields.length === 0) plan.unchanged.push(person.id);
    else plan.updated.push({ before, after: person, fields });
  }
  plan.deactivated = current.filter((p) => p.active && !inFile.has(p.id));
  return plan;
}
