import type { ContractorDetails } from '../../domain/reports/contractor.ts';
import { t, templateText } from '../../templates.ts';

/**
 * The header fields every report carries: wording from templates/reports.ja.yaml, the contractor's own details
 * from the staff file's `contractor:` section. A detail that is not set reads as what to set (contractor.ja.yaml).
 */
export interface ReportHeader {
  bureauName: string;
  addressee: string;
  contractName: string;
  contractorName: string;
  contractorAddress: string;
  representative: string; // 代表取締役　架空 一郎
  /** False when the staff file names no representative: the 代表者 line then says what to set, with no 印 mark. */
  representativeSet: boolean;
  contractNumber: string;
}

export function reportHeader(contractor: ContractorDetails | null): ReportHeader {
  return {
    bureauName: t('reports.header.bureauName'),
    addressee: t('reports.header.addressee'),
    contractName: contractor?.contractName ?? t('reports.header.contractName'),
    contractorName: contractor?.name ?? t('contractor.missing.name'),
    contractorAddress: contractor?.address ?? t('contractor.missing.address'),
    representative: contractor ? `${contractor.representative.title}　${contractor.representative.name}` : t('contractor.missing.representative'),
    representativeSet: contractor !== null,
    contractNumber: contractor?.contractNumber ?? t('contractor.missing.contractNumber'),
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
