import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

const run = () => import('../actions/keys.ts');

/** `kaiheisen keys status | rotate | retire KEYID`: the data keys of personal fields (annex art. 11, 16). */
export function register(program: Command, deps: CliDeps): void {
  const keys = program.command('keys').description('個人情報の暗号鍵の状態表示・交換・廃止');
  keys
    .command('status')
    .description('鍵の一覧と、各鍵で暗号化されている項目の数')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { json?: boolean } & OperatorOptions) => (await run()).keysStatus(deps, opts));
  keys
    .command('rotate')
    .description('新しい鍵を作って現在の鍵にし、すべての個人情報を一つのトランザクションで暗号化し直す (ボット停止中を推奨)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: OperatorOptions) => (await run()).keysRotate(deps, opts));
  keys
    .command('retire')
    .description('使われなくなった古い鍵をキーリングから外す')
    .argument('<keyId>', 'keys status に表示される鍵 ID')
    .option('--backups <dir>', 'この鍵のバックアップを探すフォルダを加える (いつも backups/ と、監査ログにある backup --out の保存先を調べます)')
    .option('--force', 'この鍵のバックアップがあっても外す (それらは復元できなくなります)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (keyId: string, opts: { backups?: string; force?: boolean } & OperatorOptions) => (await run()).keysRetire(deps, keyId, opts));
}
