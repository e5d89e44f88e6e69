import { assertDate } from '../calendar/local-time.ts';

/**
 * 和暦 for reports to the bureau. 令和 starts 2019-05-01 (令和元年); 平成 runs from 1989-01-08 to
 * 2019-04-30. Earlier dates are not needed by this job and are rejected.
 */
interface Era {
  name: string;
  start: string; // YYYY-MM-DD, first day of the era
}

const ERAS: readonly Era[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
];

export interface EraYear {
  era: string;
  year: number; // 1 = 元年
}

export function eraYearOf(date: string): EraYear {
  assertDate(date);
  const era = ERAS.find((e) => date >= e.start);
  if (!era) throw new RangeError(`date before 平成 is not supported: ${date}`);
  return { era: era.name, year: Number(date.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1 };
}

function yearLabel({ era, year }: EraYear): string {
  return `${era}${year === 1 ? '元' : String(year)}年`;
}

/** 2026-03-27 → 令和8年3月27日; 2019-05-01 → 令和元年5月1日. */
export function formatEraDate(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${yearLabel(eraYearOf(date))}${m}月${d}日`;
}

/**
 * A Tokyo timestamp in the era like the dates: 2026-12-07 14:05 → 令和8年12月7日 14:05 (seconds, when given, are
 * kept: 2026-03-28 09:00:00 → 令和8年3月28日 09:00:00).
 */
export function formatEraDateTime(stamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(stamp);
  if (!match) throw new RangeError(`not a YYYY-MM-DD HH:MM timestamp: ${stamp}`);
  return `${formatEraDate(match[1]!)} ${match[2]!}`;
}

/**
 * 2026-03 → 令和8年3月. A month is named by the era of its last day, so 2019-04 is 平成31年4月 and
 * 2019-05 is 令和元年5月 (the era changed on the first of May).
 */
export function formatEraMonth(month: string): string {
  assertMonth(month);
  const m = Number(month.slice(5, 7));
  return `${yearLabel(eraYearOf(lastDayOfMonth(month)))}${m}月`;
}

/** 2026-03 → 令和8年3月分 (the period line of a monthly report). */
export function formatEraPeriod(month: string): string {
  return `${formatEraMonth(month)}分`;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

export function assertMonth(text: string): void {
  if (!isMonth(text)) throw new RangeError(`not a YYYY-MM month: ${text}`);
}

/** Every YYYY-MM-DD of the month, in order. */
export function daysOfMonth(month: string): string[] {
  const last = Number(lastDayOfMonth(month).slice(8, 10));
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export function lastDayOfMonth(month: string): string {
  assertMonth(month);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The month after: 2026-12 → 2027-01. */
export function nextMonth(month: string): string {
  assertMonth(month);
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

const WEEKDAY_LABELS = ['日', '月', '火', '水', '木', '金', '土'];

/** 0 = Sunday … 6 = Saturday → 日 … 土. */
export function weekdayLabel(weekday: number): string {
  const label = WEEKDAY_LABELS[weekday];
  if (label === undefined) throw new RangeError(`weekday out of range: ${weekday}`);
  return label;
}
