import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t } from '../../templates.ts';
import { buildMonthlyReport } from '../../application/reports/build-monthly-report.ts';
import { buildStaffingDocuments } from '../../application/reports/build-staffing-documents.ts';
import { buildDailyReport } from '../../application/reports/build-daily-report.ts';
import { dailyReportDepsOf } from '../../assembly/services/day-end.ts';
import { monthlyReportDepsOf, staffingDocumentsDepsOf } from '../../assembly/services/reports.ts';
import { runAsBatch } from '../batch-priority.ts';
import { protectionOf, withProtectionOptions, writeProtectedFile, type Protection, type ProtectionOptions } from '../protected-output.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { writePrivateFile } from '../../adapters/private-files.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';

/** `kaiheisen report monthly|staffing|daily`: the PDF (and CSV) documents that go to the bureau. */
export function register(program: Command, deps: CliDeps): void {
  const report = program.command('report').description('企業局に提出する帳票 (PDF・CSV) を作成します');
  report
    .command('monthly')
    .description('委託業務結果報告書と開閉栓作業月報 (PDF) と集計 CSV を作成します')
    .requiredOption('--month <YYYY-MM>', '対象月')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option('--csv <file.csv>', 'CSV の出力先 (UTF-8 BOM 付き)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { month: string; out: string; csv?: string } & OperatorOptions) => {
      runAsBatch();
      const ctx = await deps.context();
      const { actorId } = await requireOperator(deps, ctx, opts, 'printReports');
      const result = await buildMonthlyReport(
        monthlyReportDepsOf(ctx),
        { month: opts.month, actorId, channel: 'cli' },
      );
      writePrivateFile(opts.out, result.pdf);
      deps.out(`${t('reports.cli.monthlyDone', { period: result.view.periodLabel, out: opts.out, pages: result.pageCount, bytes: result.pdf.length })}\n`);
      if (opts.csv) {
        writePrivateFile(opts.csv, result.csv);
        deps.out(`${t('reports.cli.csvDone', { out: opts.csv })}\n`);
      }
      logDone(ctx, 'monthly', opts.month, result.pdf.length);
    });
  withProtectionOptions(report.command('staffing'))
    .description('業務責任者選任届・作業者配置表・時間外作業者配置表 (PDF、職員の電話番号入り) を AES-256 暗号化 ZIP で作成します')
    .requiredOption('--date <YYYY-MM-DD>', '対象日')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (書き出すのは file.pdf.zip。--plain のときは PDF のまま)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string; out: string } & OperatorOptions & ProtectionOptions) => {
      runAsBatch();
      const protection = protectionOf(opts, deps);
      const ctx = await deps.context();
      const { actorId } = await requireOperator(deps, ctx, opts, 'printReports', await staffingOn(ctx, opts.date));
      const result = await buildStaffingDocuments(
        staffingDocumentsDepsOf(ctx),
        { date: opts.date, actorId, channel: 'cli' },
      );
      const written = await writeAudited(ctx, actorId, opts.out, result.pdf, protection, { kind: 'staffing', reportId: result.reportId });
      deps.out(`${t('reports.cli.staffingDone', { date: result.view.dateLabel, out: written, bytes: result.pdf.length })}\n`);
      logDone(ctx, 'staffing', opts.date, result.pdf.length);
      if (!protection.plain) protection.announce(written);
    });
  registerDaily(report, deps);
}

/**
 * `report daily --date D --out FILE.pdf`: the 日報 of a date. A draft (or no report yet) is built from the data now
 * and stored as the draft; an approved or sent report is written as stored, since that is what the bureau got.
 */
function registerDaily(report: Command, deps: CliDeps): void {
  report
    .command('daily')
    .description('日報 (作業結果・伝達事項など) の PDF を作成します。承認済みの日報は保存されている PDF を書き出します')
    .requiredOption('--date <YYYY-MM-DD>', '対象日')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string; out: string } & OperatorOptions) => {
      runAsBatch();
      const ctx = await deps.context();
      const actor = await requireOperator(deps, ctx, opts, 'printReports', await staffingOn(ctx, opts.date));
      const result = await buildDailyReport(dailyReportDepsOf(ctx), { date: opts.date, actor: { actorId: actor.actorId, channel: 'cli' }, source: 'cli' });
      writePrivateFile(opts.out, result.pdf);
      const state = t(`reports.cli.dailyState.${result.state}`);
      const label = result.view.dateLabel;
      const line = result.rebuilt
        ? t('reports.cli.dailyDone', { date: label, state, out: opts.out, pages: result.pageCount ?? 0, bytes: result.pdf.length })
        : t('reports.cli.dailyStored', { date: label, state, out: opts.out, bytes: result.pdf.length });
      deps.out(`${line}\n`);
      if (!result.view.hasData) deps.out(`${t('reports.cli.dailyNoData')}\n`);
      logDone(ctx, 'daily', opts.date, result.pdf.length);
    });
}

/** The supervisors of the report's date may print it; a malformed date is left to the report's own message. */
async function staffingOn(ctx: AppContext, date: string) {
  return isIsoDate(date) ? getDayStaffing(staffDepsOf(ctx), date) : undefined;
}

/** A report with personal data leaves the server: protected (annex art. 11) and recorded, without the password. */
async function writeAudited(ctx: AppContext, actorId: string | null, out: string, pdf: Uint8Array, protection: Protection, report: { kind: string; reportId: number }): Promise<string> {
  const at = ctx.clock.now();
  const { path, format } = writeProtectedFile(out, pdf, protection, at);
  await auditTrailOf(ctx).append({ actorId, channel: 'cli', action: 'report.exported', entity: 'Report', entityId: String(report.reportId), after: { kind: report.kind, file: path, format, personalData: true } }, at);
  return path;
}

function logDone(ctx: AppContext, kind: string, period: string, bytes: number): void {
  ctx.logger.info('report generated', { kind, period, bytes });
}
