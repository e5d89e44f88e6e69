import type { Block, FieldsBlock } from '../../domain/reports/report-document.ts';
import { t } from '../../templates.ts';
import type { ReportHeader } from './report-header.ts';

/**
 * The contractor's details as every document to the bureau carries them (staff file `contractor:`).
 * - A submission (届・依頼書・報告書・請求書: a letter to the bureau that states it submits, requests, reports or bills)
 *   carries `contractorBlock`: 所在地, 受注者名 and 代表者 with the 印 mark, right-aligned under the addressee.
 * - An attachment (a table, list, chart or the 日報) carries `contractorFields`: 受注者 and 代表者 among its header
 *   fields, no 印.
 * A detail that is not set reads as what to set; the 印 mark is drawn only next to a representative that is set.
 */
export function contractorBlock(header: ReportHeader): Block[] {
  const line = (label: 'address' | 'name', value: string): Block => ({ type: 'paragraph', text: `${t(`contractor.label.${label}`)}　${value}`, align: 'right' });
  const representative: Block = { type: 'paragraph', text: `${t('contractor.label.representative')}　${header.representative}`, align: 'right' };
  return [line('address', header.contractorAddress), line('name', header.contractorName), header.representativeSet ? { ...representative, seal: t('contractor.seal') } : representative];
}

/** 受注者 and 代表者 as two header-field rows: the contractor on an attachment (no 印). */
export function contractorFields(header: ReportHeader): FieldsBlock['rows'] {
  return [
    { label: t('reports.header.contractorLabel'), value: header.contractorName },
    { label: t('contractor.label.representative'), value: header.representative },
  ];
}
