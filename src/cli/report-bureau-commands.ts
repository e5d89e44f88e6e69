import type { Command } from 'commander';
import type { CliDeps } from './index.ts';
import { withForceOption, withProtectionOptions } from './protection-options.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION } from './operator-options.ts';
import type { AnnualOptions, ContactChartOptions, IdCardRequestOptions } from './report-bureau-options.ts';

const run = () => import('./actions/report-bureau.ts');

/** `report annual | contact-chart | id-card-request`: 別表1 over a year, 連絡系統図, 身分証明書発行依頼書 (spec 主な提出書類). */
export function registerBureauDocuments(report: Command, deps: CliDeps): void {
  withForceOption(report.command('annual'))
    .description('別表1 の形 (12か月 × 開栓・閉栓・名変・合計) の年間集計表 (PDF) と CSV を作成します')
    .option('--fiscal-year <YYYY>', '年度 (4月～翌年3月。例: 2025 = 令和7年度)')
    .option('--from <YYYY-MM>', 'この月から12か月 (例: 2025-03 で 3月～翌年2月)')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option('--csv <file.csv>', 'CSV の出力先 (UTF-8 BOM 付き)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: AnnualOptions) => (await run()).annualReport(deps, opts));
  withForceOption(withProtectionOptions(report.command('contact-chart')))
    .description('連絡系統図 (疑義・事故の連絡順、業務責任者、時間外の連絡先、電話番号入り) を AES-256 暗号化 ZIP で作成します')
    .option('--date <YYYY-MM-DD>', '有効日 (省略時は今日): この日の業務責任者と時間外の当番表で作ります')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (書き出すのは file.pdf.zip。--plain のときは PDF のまま)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: ContactChartOptions) => (await run()).contactChartReport(deps, opts));
  withForceOption(withProtectionOptions(report.command('id-card-request')))
    .description('身分証明書発行依頼書 (研修を受けた作業者、顔写真入り) と写真データを AES-256 暗号化 ZIP で作成します')
    .option('--workers <ids>', '依頼する作業者の職員ID (カンマ区切り)。省略時は研修済みで身分証明書がないか30日以内に期限が切れる作業者')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (書き出すのは file.pdf.zip。--plain のときは PDF のまま)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: IdCardRequestOptions) => (await run()).idCardRequestReport(deps, opts));
}
