/** What a daily report (日報) of a work day was when the month's report was compiled. */
export type DailyReportStanding = 'draft' | 'approved' | 'sent';

/** A work day of the month whose 日報 was not approved when the 月報 was compiled: a draft, or never compiled. */
export interface UnapprovedDay {
  date: string; // YYYY-MM-DD
  state: 'draft' | 'none';
}

/**
 * The days before `today` whose 日報 was neither approved nor sent, in date order: the 月報 says so, since its figures
 * come from the recorded results, not from the approved 日報. A draft counts on any work day; a day never compiled
 * only when results of it are in the figures (`counted`: a day before the bot was in use has nothing to approve).
 */
export function unapprovedDays(
  workDays: readonly string[],
  counted: ReadonlySet<string>,
  reports: ReadonlyMap<string, DailyReportStanding>,
  today: string,
): UnapprovedDay[] {
  const days = [...new Set([...workDays, ...counted])].filter((date) => date < today).sort();
  return days.flatMap((date): UnapprovedDay[] => {
    const state = reports.get(date);
    if (state === 'approved' || state === 'sent') return [];
    if (state === 'draft') return [{ date, state: 'draft' }];
    return counted.has(date) ? [{ date, state: 'none' }] : [];
  });
}
