import { weekdayOf } from '../../domain/calendar/local-time.ts';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** 2026-03-27 → 3月27日(金). */
export function japaneseDay(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日(${WEEKDAYS[weekdayOf(date)]})`;
}
