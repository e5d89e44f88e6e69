import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { formatEraDate } from '../../domain/reports/japanese-era.ts';
import type { Block } from '../../domain/reports/report-document.ts';
import { t } from '../../templates.ts';
import { contractorBlock } from '../reports/contractor-block.ts';
import type { ReportHeader } from '../reports/report-header.ts';

/** 提出日, 宛先, the contractor's block (所在地, 受注者名, 代表者 and 印: each is a 届 or 報告書), the title and the opening sentence: the head of every annex document. */
export function annexLetterhead(header: ReportHeader, now: Date, title: string, body: string): Block[] {
  return [
    { type: 'paragraph', text: `${t('reports.header.submittedLabel')}　${formatEraDate(tokyoDate(now))}`, align: 'right' },
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: header.addressee, size: 12 },
    { type: 'spacer', height: 6 },
    ...contractorBlock(header),
    { type: 'spacer', height: 18 },
    { type: 'title', text: title },
    { type: 'paragraph', text: body },
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: t('reports.result.record'), align: 'center' },
    { type: 'spacer', height: 6 },
  ];
}

/** 令和 date of a YYYY-MM-DD, or '' for none. */
export const eraDateOr = (date: string | null, none = '') => (date ? formatEraDate(date) : none);

export const column = (label: string, weight: number, align: 'left' | 'center' | 'right' = 'left') => ({ label, weight, align });
