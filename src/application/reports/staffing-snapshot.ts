import type { StaffingRow } from '../../domain/staffing/day-staffing.ts';

/** The staffing tables of one date, as the report store reads them. */
export interface StaffPerson {
  id: string;
  name: string;
  phone: string | null;
  idCardNumber: string | null;
  active: boolean;
  from: string | null;
  until: string | null;
}

export interface RosterEntryRow {
  validFrom: string | null; // null or '0000-01-01': since always
  validTo: string | null;
  position: number;
  personId: string;
}

export interface RosterOverrideRow {
  personId: string;
  replacesPersonId: string | null;
  note: string | null;
  createdAt: Date;
}

export interface StaffingSnapshot {
  date: string;
  explicit: StaffingRow[]; // DailyStaffing of the date
  defaults: StaffingRow[]; // DefaultStaffing
  rosterEntries: RosterEntryRow[]; // every entry (a small table); the domain picks the range
  overrides: RosterOverrideRow[]; // AfterHoursOverride of the night starting on the date
  people: StaffPerson[]; // everyone referenced above
}
