import type { CliDeps } from '../index.ts';
import { buildConsumablesReport } from '../../application/reports/consumables-report.ts';
import { consumablesReportDepsOf } from '../../assembly/services/reports-consumables.ts';
import { writePrivateFile } from '../../adapters/private-files.ts';
import { t } from '../../templates.ts';
import { runAsBatch } from '../batch-priority.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

export async function consumablesReport(deps: CliDeps, opts: { month: string; out: string; csv?: string } & OperatorOptions): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  await requireOperator(deps, ctx, opts, 'printReports');
  const result = await buildConsumablesReport(consumablesReportDepsOf(ctx), opts.month);
  writePrivateFile(opts.out, result.pdf);
  deps.out(`${t('consumables.cli.done', { period: result.periodLabel, out: opts.out, pages: result.pageCount, bytes: result.pdf.length })}\n`);
  if (opts.csv) {
    writePrivateFile(opts.csv, result.csv);
    deps.out(`${t('consumables.cli.csvDone', { out: opts.csv })}\n`);
  }
  ctx.logger.info('report generated', { kind: 'consumables', period: opts.month, bytes: result.pdf.length });
}
