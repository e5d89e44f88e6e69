import type { CliDeps } from '../index.ts';
import { buildConsumablesReport } from '../../application/reports/consumables-report.ts';
import { consumablesReportDepsOf } from '../../assembly/services/reports-consumables.ts';
import { checkReportTargets, writeReportFile } from '../../adapters/export/report-target.ts';
import type { ForceOption } from '../protection-options.ts';
import { t } from '../../templates.ts';
import { checkReportPeriod } from '../report-period.ts';
import { runAsBatch } from '../batch-priority.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

export async function consumablesReport(deps: CliDeps, opts: { month: string; out: string; csv?: string } & OperatorOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  await requireOperator(deps, ctx, opts, 'printReports');
  checkReportTargets([opts.out, opts.csv], opts.force === true);
  checkReportPeriod(deps, ctx.clock.now(), { month: opts.month });
  const result = await buildConsumablesReport(consumablesReportDepsOf(ctx), opts.month);
  writeReportFile(opts.out, result.pdf, opts.force === true);
  deps.out(`${t('consumables.cli.done', { period: result.periodLabel, out: opts.out, pages: result.pageCount, bytes: result.pdf.length })}\n`);
  if (opts.csv) {
    writeReportFile(opts.csv, result.csv, opts.force === true);
    deps.out(`${t('consumables.cli.csvDone', { out: opts.csv })}\n`);
  }
  ctx.logger.info('report generated', { kind: 'consumables', period: opts.month, bytes: result.pdf.length });
}
