import { weekdayOf } from '../../domain/calendar/local-time.ts';
import { formatEraDate, weekdayLabel } from '../../domain/reports/japanese-era.ts';
import { resolveAfterHoursRoster, type RosterRange } from '../../domain/staffing/after-hours-roster.ts';
import { isAvailableOn } from '../../domain/staffing/availability.ts';
import { resolveDayStaffing } from '../../domain/staffing/day-staffing.ts';
import type { ReportHeader } from './report-header.ts';
import type { RosterEntryRow, RosterOverrideRow, StaffingSnapshot, StaffPerson } from './staffing-snapshot.ts';

/** 業務責任者選任届, 作業者配置表 and 時間外作業者配置表 of one date; stored as JSON in Report.content. */
export interface StaffingView {
  kind: 'staffing';
  date: string;
  dateLabel: string; // 令和8年3月27日（金）
  submittedLabel: string;
  source: 'explicit' | 'default' | 'closed';
  header: ReportHeader;
  supervisors: { name: string; phone: string }[];
  workers: { name: string; isSupervisor: boolean; idCardNumber: string }[];
  afterHours: { position: number; name: string; phone: string; replaced: boolean; note: string }[];
}

export function staffingView(
  snapshot: StaffingSnapshot,
  isWorkDay: boolean,
  header: ReportHeader,
  submittedOn: string,
): StaffingView {
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  const isActive = (id: string) => isAvailableOn(people.get(id), snapshot.date);
  const day = resolveDayStaffing(snapshot.date, isWorkDay, snapshot.explicit, snapshot.defaults, isActive);
  const person = (id: string) => people.get(id) as StaffPerson; // isActive guarantees presence
  return {
    kind: 'staffing',
    date: snapshot.date,
    dateLabel: eraDateWithWeekday(snapshot.date),
    submittedLabel: formatEraDate(submittedOn),
    source: day.source,
    header,
    supervisors: day.supervisors.map((id) => ({ name: person(id).name, phone: person(id).phone ?? '' })),
    workers: day.onDuty.map((id) => ({
      name: person(id).name,
      isSupervisor: day.supervisors.includes(id),
      idCardNumber: person(id).idCardNumber ?? '',
    })),
    afterHours: nightRoster(snapshot.date, snapshot.rosterEntries, snapshot.overrides, isActive).map((r, i) => ({ position: i + 1, name: person(r.personId).name, phone: person(r.personId).phone ?? '', replaced: r.replaced, note: r.note })),
  };
}

export function eraDateWithWeekday(date: string): string {
  return `${formatEraDate(date)}（${weekdayLabel(weekdayOf(date))}）`;
}

/**
 * The after-hours roster for the night that starts on the date, resolved by the shared domain rule
 * (src/domain/staffing/after-hours-roster.ts); people covering through an override are marked.
 */
export function nightRoster(
  date: string,
  entries: RosterEntryRow[],
  overrides: RosterOverrideRow[],
  isActive: (personId: string) => boolean,
): { personId: string; replaced: boolean; note: string }[] {
  const ordered = [...overrides].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const night = resolveAfterHoursRoster(date, rosterRanges(entries), ordered, isActive);
  return night.personIds.map((personId) => {
    const covering = ordered.filter((o) => o.personId === personId);
    return { personId, replaced: covering.length > 0, note: covering.map((o) => o.note ?? '').filter(Boolean).join('　') };
  });
}

function rosterRanges(entries: RosterEntryRow[]): RosterRange[] {
  const ranges = new Map<string, RosterEntryRow[]>();
  for (const e of entries) {
    const key = `${e.validFrom ?? ''}|${e.validTo ?? ''}`;
    ranges.set(key, [...(ranges.get(key) ?? []), e]);
  }
  return [...ranges.values()].map((rows) => ({
    validFrom: rows[0]!.validFrom,
    validTo: rows[0]!.validTo,
    personIds: [...rows].sort((a, b) => a.position - b.position).map((r) => r.personId),
  }));
}
