import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { buildInvoice, missingKeysError, monthlyFiguresOf } from '../../application/reports/build-invoice.ts';
import { invoiceDepsOf } from '../../assembly/services/reports.ts';
import { formatCount } from '../../application/reports/report-header.ts';
import { checkReportTargets, writeReportFile } from '../../adapters/export/report-target.ts';
import type { ForceOption } from '../protection-options.ts';
import { checkReportPeriod } from '../report-period.ts';
import { runAsBatch } from '../batch-priority.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

/** `report invoice`: refused, naming every staff-file key to set, while a unit price or the contractor is missing. */
export async function invoiceReport(deps: CliDeps, opts: { month: string; out: string; csv?: string } & OperatorOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  checkReportTargets([opts.out, opts.csv], opts.force === true);
  checkReportPeriod(deps, ctx.clock.now(), { month: opts.month });
  const invoiceDeps = invoiceDepsOf(ctx);
  const figures = await monthlyFiguresOf(invoiceDeps, opts.month);
  const outcome = await buildInvoice(invoiceDeps, { figures, actorId, channel: 'cli' });
  if (!outcome.ok) throw missingKeysError(outcome.missingKeys);
  const { invoice } = outcome;
  writeReportFile(opts.out, invoice.pdf, opts.force === true);
  const total = formatCount(invoice.view.figures.totalYen);
  deps.out(`${t('invoice.cli.done', { period: invoice.view.periodLabel, out: opts.out, pages: invoice.pageCount, bytes: invoice.pdf.length, total })}\n`);
  if (opts.csv) {
    writeReportFile(opts.csv, invoice.csv, opts.force === true);
    deps.out(`${t('reports.cli.csvDone', { out: opts.csv })}\n`);
  }
  ctx.logger.info('report generated', { kind: 'invoice', period: opts.month, bytes: invoice.pdf.length });
}
