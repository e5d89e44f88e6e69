import { t, templateText } from '../../templates.ts';
import type { ReportSettings } from './ports.ts';

/** The header fields every report carries; wording from templates/reports.ja.yaml. */
export interface ReportHeader {
  bureauName: string;
  addressee: string;
  contractName: string;
  contractorName: string;
}

export function reportHeader(settings: ReportSettings): ReportHeader {
  const contractor = settings.contractorName?.trim();
  return {
    bureauName: t('reports.header.bureauName'),
    addressee: t('reports.header.addressee'),
    contractName: t('reports.header.contractName'),
    contractorName: contractor ? contractor : t('reports.header.contractorName'),
  };
}

/** 9654 → 9,654 (the spec's table 1 writes figures this way). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 2026-03-05 18:20 → 3月5日 18:20 (the period line already names the era and year). */
export function formatMonthDayTime(at: string | null): string {
  if (!at) return '';
  const [date, time] = at.split(' ') as [string, string | undefined];
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return time ? `${m}月${d}日 ${time}` : `${m}月${d}日`;
}

/** Template label with a fallback to the code when the template has no entry (new kinds, states). */
export function labelOr(prefix: string, code: string, has: (key: string) => boolean): string {
  const key = `${prefix}.${code}`;
  return has(key) ? templateText(key) : code;
}
