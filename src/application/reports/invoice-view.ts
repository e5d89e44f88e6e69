import { CONTRACTOR_KEYS, type ContractorDetails, type UnitPriceKind } from '../../domain/reports/contractor.ts';
import { computeInvoice, type InvoiceFigures } from '../../domain/reports/invoice.ts';
import { invoiceCountsOf } from '../../domain/reports/invoice-counts.ts';
import { formatEraDate, formatEraPeriod, lastDayOfMonth } from '../../domain/reports/japanese-era.ts';
import type { MonthlyFigures } from '../../domain/reports/monthly-aggregate.ts';
import { reportHeader, type ReportHeader } from './report-header.ts';

/** Everything the 請求書 PDF and CSV show; stored as JSON in Report.content (kind 'invoice'). No personal data. */
export interface InvoiceView {
  kind: 'invoice';
  month: string; // YYYY-MM
  periodLabel: string; // 令和8年3月分
  periodRange: string; // 令和8年3月1日～令和8年3月31日
  issuedOn: string; // YYYY-MM-DD, the 請求日
  issuedLabel: string; // 令和8年4月1日
  header: ReportHeader;
  figures: InvoiceFigures;
}

/** The invoice of the month, or the staff-file keys that must be set first (every one of them, in file order). */
export type InvoiceViewOutcome = { ok: true; view: InvoiceView } | { ok: false; missingKeys: string[] };

const SECTION_KEYS = [CONTRACTOR_KEYS.name, CONTRACTOR_KEYS.representative, CONTRACTOR_KEYS.address];

export function invoiceView(figures: MonthlyFigures, contractor: ContractorDetails | null, issuedOn: string): InvoiceViewOutcome {
  const outcome = computeInvoice(invoiceCountsOf(figures), contractor?.unitPrices ?? {}, contractor?.taxRatePercent ?? 10);
  const priceKeys = outcome.ok ? [] : outcome.missingPrices.map((k: UnitPriceKind) => CONTRACTOR_KEYS.unitPrice(k));
  const missingKeys = [...(contractor ? [] : SECTION_KEYS), ...priceKeys];
  if (!outcome.ok || missingKeys.length > 0) return { ok: false, missingKeys };
  const month = figures.month;
  return {
    ok: true,
    view: {
      kind: 'invoice',
      month,
      periodLabel: formatEraPeriod(month),
      periodRange: `${formatEraDate(`${month}-01`)}～${formatEraDate(lastDayOfMonth(month))}`,
      issuedOn,
      issuedLabel: formatEraDate(issuedOn),
      header: reportHeader(contractor),
      figures: outcome.figures,
    },
  };
}
