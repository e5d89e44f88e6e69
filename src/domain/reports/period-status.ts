/**
 * Whether a report's period has ended, started or not yet begun on `today` (YYYY-MM-DD, Tokyo): a period wholly in
 * the future is refused; one under way is printed as 途中 (not final).
 */
export type PeriodStatus = 'ended' | 'underWay' | 'future';

/** `first`..`last` as YYYY-MM months (inclusive). Malformed input is left to the report's own check: 'ended'. */
export function monthsStatus(first: string, last: string, today: string): PeriodStatus {
  const month = today.slice(0, 7);
  if (!/^\d{4}-\d{2}$/.test(first) || !/^\d{4}-\d{2}$/.test(last)) return 'ended';
  if (first > month) return 'future';
  return last >= month ? 'underWay' : 'ended';
}

/** The twelve months from `first` (YYYY-MM). */
export function twelveMonthsFrom(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + 11;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
