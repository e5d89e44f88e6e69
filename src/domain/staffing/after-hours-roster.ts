import { issue, type StaffIssue } from './staff-issue.ts';

/**
 * 時間外作業者配置表 / 連絡先一覧表: who answers outside business hours, in order (spec 13(4)(5)).
 * Ranges are inclusive and may be open-ended (null). An override lets someone cover one night:
 * the night that starts on `date` (evening of that date until the next morning).
 */
export interface RosterRange {
  validFrom: string | null;
  validTo: string | null;
  personIds: string[];
}

export interface RosterOverride {
  personId: string;
  replacesPersonId: string | null; // null: put first
  note: string | null;
}

export interface NightRoster {
  date: string;
  range: RosterRange | null;
  overrides: RosterOverride[];
  personIds: string[]; // final order, active people only
}

const EARLIEST = '0000-01-01';
const LATEST = '9999-12-31';

export function rangeCovers(range: RosterRange, date: string): boolean {
  return (range.validFrom ?? EARLIEST) <= date && date <= (range.validTo ?? LATEST);
}

/** The range valid on the date; ranges are checked not to overlap when they are loaded. */
export function rangeFor(ranges: readonly RosterRange[], date: string): RosterRange | null {
  return ranges.find((r) => rangeCovers(r, date)) ?? null;
}

/**
 * The covering person takes the replaced person's place (or the first place); anyone listed
 * twice keeps only the new position. A replaced person no longer on the list (the roster changed
 * after the override) leaves the covering person first: covering is never lost.
 */
export function applyOverride(list: readonly string[], override: RosterOverride): string[] {
  const without = list.filter((id) => id !== override.personId);
  const at = override.replacesPersonId === null ? -1 : without.indexOf(override.replacesPersonId);
  if (at < 0) return [override.personId, ...without];
  return without.map((id, i) => (i === at ? override.personId : id));
}

export function resolveAfterHoursRoster(
  date: string,
  ranges: readonly RosterRange[],
  overrides: readonly RosterOverride[],
  isActive: (personId: string) => boolean,
): NightRoster {
  const range = rangeFor(ranges, date);
  const ordered = overrides.reduce<string[]>((list, o) => applyOverride(list, o), range ? [...range.personIds] : []);
  return { date, range, overrides: [...overrides], personIds: ordered.filter(isActive) };
}

function overlaps(a: RosterRange, b: RosterRange): boolean {
  return (a.validFrom ?? EARLIEST) <= (b.validTo ?? LATEST) && (b.validFrom ?? EARLIEST) <= (a.validTo ?? LATEST);
}

/** Reversed or overlapping ranges and names listed twice; paths relative to the list of ranges. */
export function validateRosterRanges(ranges: readonly RosterRange[]): StaffIssue[] {
  const issues: StaffIssue[] = [];
  ranges.forEach((range, i) => {
    if (range.validFrom && range.validTo && range.validFrom > range.validTo) {
      issues.push(issue([i, 'validTo'], 'rangeReversed', { from: range.validFrom, to: range.validTo }));
    }
    const other = ranges.findIndex((r, j) => j < i && overlaps(r, range));
    if (other >= 0) issues.push(issue([i], 'rangeOverlap', { other }));
    issues.push(...duplicatesIn(range.personIds, [i, 'people']));
  });
  return issues;
}

export function duplicatesIn(ids: readonly string[], path: (string | number)[]): StaffIssue[] {
  return ids.flatMap((id, i) => {
    return ids.indexOf(id) < i ? [issue([...path, i], 'duplicateInList', { value: id })] : [];
  });
}
