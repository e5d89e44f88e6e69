/**
 * Whether a person may work on a date: active, and within their dates of the staff file (`from`, `until`, both
 * inclusive, YYYY-MM-DD; null: open). An office prepares a leaver or joiner ahead; a past date stays as it was.
 */
export interface DatedPerson {
  active: boolean;
  from: string | null;
  until: string | null;
}

export function isAvailableOn(person: DatedPerson | undefined | null, date: string): boolean {
  if (!person?.active) return false;
  return (person.from === null || person.from <= date) && (person.until === null || date <= person.until);
}

/** Still on the staff on the date (a joiner not yet started is; a leaver past `until` is not): keeps their ID card. */
export function isOnStaffOn(person: DatedPerson, date: string): boolean {
  return person.active && (person.until === null || date <= person.until);
}

/** `from`/`until` as words for a message: "2026-03-20〜", "〜2026-03-16", "2026-03-01〜2026-03-16". */
export function datesLabel(person: Pick<DatedPerson, 'from' | 'until'>): string {
  return `${person.from ?? ''}〜${person.until ?? ''}`;
}
