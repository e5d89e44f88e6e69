import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { AuditOptions } from '../actions/audit.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION } from '../operator-options.ts';

const run = () => import('../actions/audit.ts');

/**
 * `kaiheisen audit --from D --to D [--user U] [--csv [FILE]]`: review of the audit trail (annex art. 22-4), with a
 * warning on top when the chain does not verify. `kaiheisen audit verify [--anchor HASH]`: the chain checked.
 */
export function register(program: Command, deps: CliDeps): void {
  const audit = program.command('audit');
  audit
    .command('verify')
    .description('監査ログの連鎖と封印を検証します (改ざん・欠落・トリガーの削除を検出すると終了コード 1)')
    .option('--anchor <hash>', '日報に記載された照合値 (全体 64 文字): 監査ログがこの時点を通っていることを確かめる')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (_own: unknown, command: Command) => (await run()).auditVerify(deps, _own, command));
  audit
    .description('監査ログ (だれが・いつ・どの経路で・何を・どのデータに) を期間で表示します')
    .option('--from <date>', '開始日 YYYY-MM-DD (日本時間、この日を含む)')
    .option('--to <date>', '終了日 YYYY-MM-DD (この日を含む)')
    .option('--user <id>', 'この利用者 (職員ID) の操作だけ')
    .option('--csv [file]', 'CSV (UTF-8 BOM 付き) で出力する。ファイル名を省くと標準出力へ')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: AuditOptions, command: Command) => (await run()).auditList(deps, opts, command));
}
