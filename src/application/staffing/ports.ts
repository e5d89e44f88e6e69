import type { WorkPlace } from '../../domain/staffing/work-place.ts';
import type { LowStockSetting } from '../../domain/consumables/stock.ts';
import type { AuditEntry, Clock } from '../ports.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { RosterOverride, RosterRange } from '../../domain/staffing/after-hours-roster.ts';
import type { ChartLevel } from '../../domain/escalation/chain.ts';
import type { ChartName, ContactCharts } from '../../domain/staffing/contact-chart.ts';
import type { DayStaffing, StaffingRow } from '../../domain/staffing/day-staffing.ts';
import type { ChatIdentityRow } from '../../domain/staffing/identity-sync.ts';
import type { ChannelAddress } from '../../domain/staffing/staff-directory.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { ContractorDetails } from '../../domain/reports/contractor.ts';

/** A person as the other use cases see them. */
export interface DirectoryPerson {
  id: string;
  name: string;
  affiliation: 'contractor' | 'bureau';
  active: boolean;
}

/**
 * The staff directory as every use case outside staffing reads it: one port, each use case picks what it needs
 * (Pick<StaffDirectory, …>). Built once from the staff register (src/assembly/services/staff.ts).
 */
export interface StaffDirectory {
  /** Everyone, active or not, by id. */
  people(): Promise<Map<string, DirectoryPerson>>;
  /** Display names by person id. */
  names(): Promise<Map<string, string>>;
  /** Who works on a date and its 業務責任者 (作業者配置表). */
  staffing(date: string): Promise<DayStaffing>;
  supervisorsOn(date: string): Promise<string[]>;
  /**
   * Who approves the date's reports: its 業務責任者; when the staffing names none, the active contractor staff who may
   * supervise (canSupervise), so a report can always be approved by someone.
   */
  approversOn(date: string): Promise<{ onDuty: string[]; supervisors: string[] }>;
  chart(name: ChartName): Promise<ChartLevel[]>;
}

/** Reads of people, staffing, rosters and contact charts (inside or outside a transaction). */
export interface StaffReader {
  listPeople(): Promise<StaffPerson[]>; // by id
  /** Every person's name by id (listPeople without the chat identities, for the many messages that name people). */
  names(): Promise<Map<string, string>>;
  explicitStaffing(date: string): Promise<StaffingRow[]>;
  defaultStaffing(): Promise<StaffingRow[]>;
  rosterRanges(): Promise<RosterRange[]>; // by validFrom (open start first)
  rosterOverrides(date: string): Promise<RosterOverride[]>; // in the order they were made
  /** The override an inbound chat event (当番交代) made, and the night it is for; undefined when it made none. */
  rosterOverrideOfEvent(eventId: number): Promise<(RosterOverride & { date: string }) | undefined>;
  contactCharts(): Promise<ContactCharts>;
  channels(): Promise<ChannelAddress[]>;
  /** The staff file's `contractor:` section as last loaded; null when it was never set. */
  contractor(): Promise<ContractorDetails | null>;
  /** 作業場所・保管場所 (annex art. 4), in file order. */
  workPlaces(): Promise<WorkPlace[]>;
  /** The staff file's `supplies.lowStock` as last loaded; null when it was never set. */
  lowStockSetting(): Promise<LowStockSetting | null>;
}

/** Writes; every method runs inside the one transaction opened by StaffStore.write. */
export interface StaffWriter extends StaffReader {
  createPerson(person: StaffPerson): Promise<void>;
  /** activeChangedAt: the instant `active` flipped (sets or clears deactivatedAt), null if it did not. */
  updatePerson(person: StaffPerson, activeChangedAt: Date | null): Promise<void>;
  removeIdentity(row: ChatIdentityRow): Promise<void>;
  addIdentity(row: ChatIdentityRow): Promise<void>;
  replaceDefaultStaffing(rows: StaffingRow[]): Promise<void>;
  replaceRosterRanges(ranges: RosterRange[]): Promise<void>;
  replaceContactCharts(charts: ContactCharts): Promise<void>;
  setChannel(channel: ChannelAddress): Promise<void>;
  /** The one row of contractor details replaced; null removes it. */
  replaceContractor(details: ContractorDetails | null): Promise<void>;
  replaceWorkPlaces(places: WorkPlace[]): Promise<void>;
  /** The one row of supplies settings replaced; null removes it (the defaults apply). */
  replaceLowStockSetting(setting: LowStockSetting | null): Promise<void>;
  /** Replaces the explicit rows of the date; [] returns the date to the default staffing. */
  replaceExplicitStaffing(date: string, rows: StaffingRow[]): Promise<void>;
  /** `sourceEventId`: the inbound chat event making it (unique: one override per event). */
  addRosterOverride(date: string, override: RosterOverride, sourceEventId?: number): Promise<void>;
  clearRosterOverrides(date: string): Promise<number>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface StaffStore extends StaffReader {
  write<T>(fn: (writer: StaffWriter) => Promise<T>): Promise<T>;
}

export type { Actor } from '../../domain/access/actor.ts';

export interface StaffDeps {
  staff: StaffStore;
  clock: Clock;
  calendar: Pick<WorkCalendar, 'isWorkDay'>;
}
