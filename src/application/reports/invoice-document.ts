import type { CsvCell } from '../../domain/reports/csv.ts';
import type { InvoiceFigures } from '../../domain/reports/invoice.ts';
import type { Block, ReportDocument } from '../../domain/reports/report-document.ts';
import { t, templateText } from '../../templates.ts';
import type { InvoiceView } from './invoice-view.ts';
import { contractorBlock } from './contractor-block.ts';
import { formatCount } from './report-header.ts';

/** 請求書: one page addressed to the bureau, the contractor's block with 代表者 and 印, the lines and the totals. */
export function invoiceDocument(view: InvoiceView): ReportDocument {
  const h = view.header;
  const blocks: Block[] = [
    { type: 'paragraph', text: `${t('invoice.issuedLabel')}　${view.issuedLabel}`, align: 'right' },
    { type: 'paragraph', text: `${t('invoice.contractNumberLabel')}　${h.contractNumber}`, align: 'right' },
    { type: 'spacer', height: 8 },
    { type: 'paragraph', text: h.addressee, size: 12 },
    { type: 'spacer', height: 8 },
    ...contractorBlock(h),
    { type: 'spacer', height: 18 },
    { type: 'title', text: t('invoice.title') },
    { type: 'spacer', height: 8 },
    { type: 'paragraph', text: t('invoice.body', { contract: h.contractName, period: view.periodLabel }) },
    { type: 'spacer', height: 6 },
    { type: 'paragraph', text: t('invoice.record'), align: 'center' },
    {
      type: 'fields',
      align: 'left',
      rows: [
        { label: t('invoice.amountLabel'), value: t('invoice.amount', { amount: formatCount(view.figures.totalYen) }) },
        { label: t('reports.header.contractLabel'), value: h.contractName },
        { label: t('reports.header.periodLabel'), value: `${view.periodLabel}（${view.periodRange}）` },
      ],
    },
    { type: 'spacer', height: 8 },
    linesTable(view.figures),
    { type: 'paragraph', text: t('invoice.taxNote'), size: 8 },
  ];
  return { title: t('invoice.documentTitle', { period: view.periodLabel }), author: h.contractorName, sections: [{ orientation: 'portrait', pageNumbers: false, blocks }] };
}

function linesTable(f: InvoiceFigures): Block {
  const right = (label: string, weight: number) => ({ label, weight, align: 'right' as const });
  return {
    type: 'table',
    columns: [{ label: t('invoice.colItem'), weight: 3, align: 'left' }, right(t('invoice.colCount'), 1.2), right(t('invoice.colUnitPrice'), 1.5), right(t('invoice.colAmount'), 1.8)],
    rows: f.lines.map((l) => [templateText(`invoice.item.${l.kind}`), formatCount(l.count), formatCount(l.unitPriceYen), formatCount(l.amountYen)]),
    footerRows: totalRows(f).map(([label, yen]) => [label, '', '', formatCount(yen)]),
  };
}

function totalRows(f: InvoiceFigures): [string, number][] {
  return [
    [t('invoice.subtotal'), f.subtotalYen],
    [t('invoice.tax', { rate: f.taxRatePercent }), f.taxYen],
    [t('invoice.total'), f.totalYen],
  ];
}

/** The invoice's lines and totals as CSV rows (toCsv adds the BOM and escapes formulas). */
export function invoiceCsvRows(view: InvoiceView): CsvCell[][] {
  const f = view.figures;
  return [
    [t('invoice.title'), view.periodLabel],
    [t('invoice.issuedLabel'), view.issuedLabel],
    [t('invoice.contractNumberLabel'), view.header.contractNumber],
    [],
    t('invoice.csvHeader').split(','),
    ...f.lines.map((l) => [templateText(`invoice.item.${l.kind}`), l.count, l.unitPriceYen, l.amountYen]),
    ...totalRows(f).map(([label, yen]) => [label, null, null, yen]),
  ];
}
