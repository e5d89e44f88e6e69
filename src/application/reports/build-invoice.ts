import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import { isMonth } from '../../domain/reports/japanese-era.ts';
import { aggregateMonthly, type MonthlyFigures } from '../../domain/reports/monthly-aggregate.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Clock } from '../ports.ts';
import { invoiceCsvRows, invoiceDocument } from './invoice-document.ts';
import { invoiceView, type InvoiceView } from './invoice-view.ts';
import type { ContractorSource, MonthlyReportSource, PdfRenderer, ReportRepository } from './ports.ts';

export interface BuildInvoiceDeps {
  source: MonthlyReportSource;
  reports: ReportRepository;
  renderer: PdfRenderer;
  clock: Clock;
  isBusinessTime: (at: Date) => boolean;
  contractor: ContractorSource;
}

export interface InvoiceResult {
  reportId: number;
  view: InvoiceView;
  pdf: Uint8Array;
  pageCount: number;
  csv: string;
}

/** The invoice, or the staff-file keys to set first (the monthly job tells the supervisors; the CLI refuses). */
export type InvoiceOutcome = { ok: true; invoice: InvoiceResult } | { ok: false; missingKeys: string[] };

export const INVOICE_KIND = 'invoice';

/** The month's figures the 月報 is made of: the invoice counts nothing itself. */
export async function monthlyFiguresOf(deps: Pick<BuildInvoiceDeps, 'source' | 'isBusinessTime'>, month: string): Promise<MonthlyFigures> {
  if (!isMonth(month)) throw new AppError(ErrorCode.InvalidInput, t('reports.cli.badMonth', { value: month }));
  return aggregateMonthly(month, await deps.source.loadMonthlyRows(month), { isBusinessTime: deps.isBusinessTime });
}

/**
 * 請求書 of one month from the monthly aggregate (`figures`: the ones the 月報 was just built from, so the counts
 * are the same), stored in Report (kind 'invoice', period YYYY-MM) with its audit row.
 */
export async function buildInvoice(
  deps: BuildInvoiceDeps,
  input: { figures: MonthlyFigures; actorId?: string | null; channel?: string },
): Promise<InvoiceOutcome> {
  const outcome = invoiceView(input.figures, await deps.contractor.contractor(), tokyoDate(deps.clock.now()));
  if (!outcome.ok) return outcome;
  const { view } = outcome;
  const rendered = await deps.renderer.render(invoiceDocument(view));
  const { id } = await deps.reports.saveReport({
    kind: INVOICE_KIND,
    period: view.month,
    content: JSON.stringify(view),
    pdf: rendered.bytes,
    actorId: input.actorId ?? null,
    channel: input.channel ?? 'system',
  });
  return { ok: true, invoice: { reportId: id, view, pdf: rendered.bytes, pageCount: rendered.pageCount, csv: toCsv(invoiceCsvRows(view)) } };
}

/** The CLI's refusal: every key to set, in Japanese. */
export function missingKeysError(missingKeys: string[]): AppError {
  return new AppError(ErrorCode.InvalidInput, t('invoice.missing', { keys: missingKeys.join(', ') }));
}
