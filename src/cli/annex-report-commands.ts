import type { Command } from 'commander';
import type { CliDeps } from './index.ts';
import { withForceOption, withProtectionOptions, type ForceOption, type ProtectionOptions } from './protection-options.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from './operator-options.ts';

const run = () => import('./actions/report-annex.ts');

/**
 * The security annex's documents (情報セキュリティに関する特記仕様書): 第3条 security-officers, 第4条 work-places,
 * 第19条 system-users, 第23条 privacy-incident. Those with names or phone numbers are written protected.
 */
export function registerAnnex(report: Command, deps: CliDeps): void {
  withForceOption(withProtectionOptions(report.command('security-officers')))
    .description('第3条 管理責任者及び従事者選任届と責任体制図 (PDF、氏名・電話番号入り) を AES-256 暗号化 ZIP で作成します')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (書き出すのは file.pdf.zip。--plain のときは PDF のまま)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out: string } & OperatorOptions & ProtectionOptions & ForceOption) => (await run()).securityOfficersReport(deps, opts));
  withForceOption(report.command('work-places'))
    .description('第4条 作業場所及び保管場所届 (PDF) を職員ファイルの workPlaces から作成します')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out: string } & OperatorOptions & ForceOption) => (await run()).workPlacesReport(deps, opts));
  withForceOption(withProtectionOptions(report.command('system-users')))
    .description('第19条 情報システム利用者一覧 (PDF と CSV、氏名・チャットID入り) を AES-256 暗号化 ZIP で作成します')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (ZIP には同じ名前の .csv も入ります)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out: string } & OperatorOptions & ProtectionOptions & ForceOption) => (await run()).systemUsersReport(deps, opts));
  withForceOption(withProtectionOptions(report.command('privacy-incident')))
    .description('第23条 個人情報漏えい等事故報告書 (PDF) を事故等・作業用端末の記録から作成します。分からない事項は空欄にします')
    .requiredOption('--incident <id>', '事故等・作業用端末の破損紛失の記録番号 (チャットの #番号)')
    .option('--records <count>', '漏えい等した個人情報の件数 (分からなければ省略: 空欄で印刷)')
    .option('--content <text>', '個人情報の内容 (例: 氏名・住所。分からなければ省略: 空欄で印刷)')
    .requiredOption('--out <file.pdf>', 'PDF の名前 (書き出すのは file.pdf.zip。--plain のときは PDF のまま)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { incident: string; records?: string; content?: string; out: string } & OperatorOptions & ProtectionOptions & ForceOption) =>
      (await run()).privacyIncidentReport(deps, opts));
}
