import { isAvailableOn, type DatedPerson } from './availability.ts';
import type { IdCardState } from './id-card.ts';

/** 作業者配置表 and 業務責任者 of one work day. */
export interface StaffingRow {
  personId: string;
  onDuty: boolean;
  isSupervisor: boolean;
}

export interface DayStaffing {
  date: string;
  source: 'explicit' | 'default' | 'closed';
  onDuty: string[]; // person ids, in the given order
  supervisors: string[];
  /** On duty but kept from work by their ID card (spec 9(3)); filled by the staffing use case, not by resolveDayStaffing. */
  benched?: { personId: string; cardState: IdCardState }[];
}

/** Who of the day's staffing can actually work: on duty and not benched for their ID card. */
export function workingOnDuty(day: Pick<DayStaffing, 'onDuty' | 'benched'>): string[] {
  const benched = new Set((day.benched ?? []).map((b) => b.personId));
  return day.onDuty.filter((id) => !benched.has(id));
}

/**
 * Explicit rows for the date win; otherwise the default staffing applies on a work day; a closed
 * day has nobody. People not available on the date (inactive, or outside their dates) never appear.
 */
export function resolveDayStaffing(
  date: string,
  isWorkDay: boolean,
  explicit: StaffingRow[],
  defaults: StaffingRow[],
  isActive: (personId: string) => boolean,
): DayStaffing {
  const rows = explicit.length > 0 ? explicit : isWorkDay ? defaults : [];
  const source = explicit.length > 0 ? 'explicit' : isWorkDay ? 'default' : 'closed';
  const duty = rows.filter((r) => r.onDuty && isActive(r.personId));
  return {
    date,
    source,
    onDuty: duty.map((r) => r.personId),
    supervisors: duty.filter((r) => r.isSupervisor).map((r) => r.personId),
  };
}

/**
 * Who approves a day's reports: its 業務責任者; when the staffing names none, the contractor staff who may supervise
 * and are available on the day, so a report can always be approved by someone.
 */
export function approversOf(
  day: Pick<DayStaffing, 'date' | 'onDuty' | 'supervisors'>,
  people: readonly (DatedPerson & { id: string; affiliation: string; canSupervise: boolean })[],
): { onDuty: string[]; supervisors: string[] } {
  if (day.supervisors.length > 0) return { onDuty: day.onDuty, supervisors: day.supervisors };
  const able = people.filter((p) => isAvailableOn(p, day.date) && p.affiliation === 'contractor' && p.canSupervise);
  return { onDuty: day.onDuty, supervisors: able.map((p) => p.id) };
}
