import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { formatEraDate, formatEraPeriod, isMonth, nextMonth } from '../../domain/reports/japanese-era.ts';
import { consumablesOfMonth, type ConsumablesRow } from '../../domain/reports/consumables-month.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import type { Block, ReportDocument, TableColumn } from '../../domain/reports/report-document.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t, templateText } from '../../templates.ts';
import type { SupplyStore } from '../consumables/ports.ts';
import { itemName, unitOf } from '../consumables/stock-text.ts';
import type { Clock } from '../ports.ts';
import type { ContractorSource, PdfRenderer } from './ports.ts';
import { contractorFields } from './contractor-block.ts';
import { formatCount, reportHeader, type ReportHeader } from './report-header.ts';

export interface ConsumablesReportDeps {
  supplies: Pick<SupplyStore, 'movements'>;
  renderer: PdfRenderer;
  clock: Clock;
  contractor: ContractorSource;
}

export interface ConsumablesReport {
  periodLabel: string;
  rows: ConsumablesRow[];
  pdf: Uint8Array;
  pageCount: number;
  csv: string;
}

const COLUMNS = ['carried', 'supplied', 'open', 'close', 'transfer', 'other', 'usedTotal', 'onHand'] as const;
const col = (key: string) => templateText(`consumables.report.column.${key}`);

/** The numbers of one row in COLUMNS order. */
function figures(row: ConsumablesRow): number[] {
  return [row.carried, row.supplied, row.used.open, row.used.close, row.used.transfer, row.used.other, row.usedTotal, row.onHand];
}

/**
 * 材料受払簿 (別表2) of a month: per item (休止用ピン, 銅線, 封印玉, meters by bore) carried from last month, supplied,
 * used by kind of work, on hand at the month's end; PDF and CSV. Counts only: no person is named.
 */
export async function buildConsumablesReport(deps: ConsumablesReportDeps, month: string): Promise<ConsumablesReport> {
  if (!isMonth(month)) throw new AppError(ErrorCode.InvalidInput, t('reports.cli.badMonth', { value: month }));
  const { supplied, used } = await deps.supplies.movements(`${nextMonth(month)}-01`);
  const rows = consumablesOfMonth(month, supplied, used);
  const periodLabel = formatEraPeriod(month);
  const rendered = await deps.renderer.render(documentOf(reportHeader(await deps.contractor.contractor()), periodLabel, rows, supplied.length + used.length > 0, tokyoDate(deps.clock.now())));
  return { periodLabel, rows, pdf: rendered.bytes, pageCount: rendered.pageCount, csv: csvOf(rows) };
}

function documentOf(h: ReportHeader, periodLabel: string, rows: ConsumablesRow[], hasData: boolean, createdOn: string): ReportDocument {
  const columns: TableColumn[] = [{ label: col('item'), weight: 2.2, align: 'left' }, ...COLUMNS.map((c) => ({ label: col(c), weight: 1, align: 'right' as const }))];
  const blocks: Block[] = [
    { type: 'title', text: t('consumables.report.title') },
    {
      type: 'fields',
      align: 'left',
      rows: [
        { label: t('reports.header.bureauLabel'), value: h.bureauName },
        { label: t('reports.header.contractLabel'), value: h.contractName },
        ...contractorFields(h),
        { label: t('consumables.report.periodLabel'), value: periodLabel },
        { label: t('consumables.report.createdLabel'), value: formatEraDate(createdOn) },
      ],
    },
    { type: 'spacer', height: 6 },
    { type: 'table', columns, rows: rows.map((r) => [`${itemName(r)} (${unitOf(r)})`, ...figures(r).map(formatCount)]) },
    { type: 'paragraph', text: hasData ? t('consumables.report.note') : `${t('consumables.report.noData')}\n${t('consumables.report.note')}`, size: 8 },
  ];
  return {
    title: t('consumables.report.documentTitle', { period: periodLabel }),
    author: h.contractorName,
    sections: [{ orientation: 'landscape', pageNumbers: true, runningHeader: t('consumables.report.runningHeader', { period: periodLabel }), blocks }],
  };
}

function csvOf(rows: ConsumablesRow[]): string {
  const header = [col('item'), col('unit'), ...COLUMNS.map(col)];
  return toCsv([header, ...rows.map((r) => [itemName(r), unitOf(r), ...figures(r)])]);
}
