import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { withForceOption, withProtectionOptions, type ForceOption, type ProtectionOptions } from '../protection-options.ts';
import { registerConsumables } from '../report-consumables-command.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';
import { registerAnnex } from '../annex-report-commands.ts';
import { registerBureauDocuments } from '../report-bureau-commands.ts';

const run = () => import('../actions/report.ts');

/** `kaiheisen report monthly|staffing|daily|invoice`: the PDF (and CSV) documents that go to the bureau. */
export function register(program: Command, deps: CliDeps): void {
  const report = program.command('report').description('企業局に提出する帳票 (PDF・CSV) を作成します');
  withForceOption(report.command('monthly'))
    .description('委託業務結果報告書と開閉栓作業月報 (PDF) と集計 CSV を作成します')
    .requiredOption('--month <YYYY-MM>', '対象月')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option('--csv <file.csv>', 'CSV の出力先 (UTF-8 BOM 付き)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { month: string; out: string; csv?: string } & OperatorOptions & ForceOption) => (await run()).monthlyReport(deps, opts));
  withForceOption(withProtectionOptions(report.command('staffing')))
    .description('業務責任者選任届・作業者配置表・時間外作業者配置表 (PDF、職員の電話番号入り) を AES-256 暗号化 ZIP で作成します')
    .requiredOption('--date <YYYY-MM-DD>', '対象日')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (書き出すのは file.pdf.zip。--plain のときは PDF のまま)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string; out: string } & OperatorOptions & ProtectionOptions & ForceOption) => (await run()).staffingReport(deps, opts));
  registerDaily(report, deps);
  registerInvoice(report, deps);
  registerAnnex(report, deps);
  registerBureauDocuments(report, deps);
  registerConsumables(report, deps);
}

/**
 * `report daily --date D --out FILE.pdf`: the 日報 of a date. A draft (or no report yet) is built from the data now
 * and stored as the draft; an approved or sent report is written as stored, since that is what the bureau got.
 */
function registerDaily(report: Command, deps: CliDeps): void {
  withForceOption(report.command('daily'))
    .description('日報 (作業結果・伝達事項など) の PDF を作成します。承認済みの日報は保存されている PDF を書き出します')
    .requiredOption('--date <YYYY-MM-DD>', '対象日')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date: string; out: string } & OperatorOptions & ForceOption) => (await run()).dailyReport(deps, opts));
}

/** `report invoice --month M --out FILE.pdf [--csv FILE.csv]`: the 請求書, from the 月報's counts and the staff file's unit prices. */
function registerInvoice(report: Command, deps: CliDeps): void {
  withForceOption(report.command('invoice'))
    .description('請求書 (PDF) を作成します。数量は同月の月報の件数、単価・税率は職員ファイルの contractor: です')
    .requiredOption('--month <YYYY-MM>', '対象月')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option('--csv <file.csv>', '明細の CSV の出力先 (UTF-8 BOM 付き)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { month: string; out: string; csv?: string } & OperatorOptions & ForceOption) => (await import('../actions/invoice.ts')).invoiceReport(deps, opts));
}
