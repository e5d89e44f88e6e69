import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t } from '../../templates.ts';
import { buildMonthlyReport } from '../../application/reports/build-monthly-report.ts';
import { buildStaffingDocuments } from '../../application/reports/build-staffing-documents.ts';
import { buildDailyReport } from '../../application/reports/build-daily-report.ts';
import { dailyReportDepsOf } from '../../assembly/services/day-end.ts';
import { monthlyReportDepsOf, staffingDocumentsDepsOf } from '../../assembly/services/reports.ts';
import { checkReportPeriod } from '../report-period.ts';
import { runAsBatch } from '../batch-priority.ts';
import { checkProtectedTarget, protectionOf, writeProtectedFile, type Protection, type ProtectionOptions } from '../protected-output.ts';
import type { ForceOption } from '../protection-options.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { checkReportTargets, writeReportFile } from '../../adapters/export/report-target.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';

export async function monthlyReport(deps: CliDeps, opts: { month: string; out: string; csv?: string } & OperatorOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
  checkReportTargets([opts.out, opts.csv], opts.force === true);
  checkReportPeriod(deps, ctx.clock.now(), { month: opts.month });
  const result = await buildMonthlyReport(
    monthlyReportDepsOf(ctx),
    { month: opts.month, actorId, channel: 'cli' },
  );
  writeReportFile(opts.out, result.pdf, opts.force === true);
  deps.out(`${t('reports.cli.monthlyDone', { period: result.view.periodLabel, out: opts.out, pages: result.pageCount, bytes: result.pdf.length })}\n`);
  if (opts.csv) {
    writeReportFile(opts.csv, result.csv, opts.force === true);
    deps.out(`${t('reports.cli.csvDone', { out: opts.csv })}\n`);
  }
  logDone(ctx, 'monthly', opts.month, result.pdf.length);
}

export async function staffingReport(deps: CliDeps, opts: { date: string; out: string } & OperatorOptions & ProtectionOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'printReports', await staffingOn(ctx, opts.date));
  const protection = protectionOf(opts, deps, 'staff');
  checkProtectedTarget(opts.out, protection, opts.force);
  const result = await buildStaffingDocuments(
    staffingDocumentsDepsOf(ctx),
    { date: opts.date, actorId, channel: 'cli' },
  );
  const written = await writeAudited(ctx, actorId, opts.out, result.pdf, protection, { kind: 'staffing', reportId: result.reportId }, opts.force === true);
  deps.out(`${t('reports.cli.staffingDone', { date: result.view.dateLabel, out: written.path, bytes: written.bytes })}\n`);
  logDone(ctx, 'staffing', opts.date, result.pdf.length);
  if (!protection.plain) protection.announce(written.path);
}

export async function dailyReport(deps: CliDeps, opts: { date: string; out: string } & OperatorOptions & ForceOption): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const actor = await requireOperator(deps, ctx, opts, 'printReports', await staffingOn(ctx, opts.date));
  checkReportTargets([opts.out], opts.force === true);
  const result = await buildDailyReport(dailyReportDepsOf(ctx), { date: opts.date, actor: { actorId: actor.actorId, channel: 'cli' }, source: 'cli' });
  writeReportFile(opts.out, result.pdf, opts.force === true);
  const state = t(`reports.cli.dailyState.${result.state}`);
  const label = result.view.dateLabel;
  const line = result.rebuilt
    ? t('reports.cli.dailyDone', { date: label, state, out: opts.out, pages: result.pageCount ?? 0, bytes: result.pdf.length })
    : t('reports.cli.dailyStored', { date: label, state, out: opts.out, bytes: result.pdf.length });
  deps.out(`${line}\n`);
  if (!result.view.hasData) deps.out(`${t('reports.cli.dailyNoData')}\n`);
  logDone(ctx, 'daily', opts.date, result.pdf.length);
}

/** The supervisors of the report's date may print it; a malformed date is left to the report's own message. */
async function staffingOn(ctx: AppContext, date: string) {
  return isIsoDate(date) ? getDayStaffing(staffDepsOf(ctx), date) : undefined;
}

/** A report with personal data leaves the server: protected (annex art. 11) and recorded, without the password. */
async function writeAudited(
  ctx: AppContext,
  actorId: string | null,
  out: string,
  pdf: Uint8Array,
  protection: Protection,
  report: { kind: string; reportId: number },
  force: boolean,
): Promise<{ path: string; bytes: number }> {
  const at = ctx.clock.now();
  const { path, format, bytes } = writeProtectedFile(out, pdf, protection, at, force);
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: String(report.reportId), after: { kind: report.kind, file: path, format, personalData: true } }, at);
  return { path, bytes };
}

function logDone(ctx: AppContext, kind: string, period: string, bytes: number): void {
  ctx.logger.info('report generated', { kind, period, bytes });
}
