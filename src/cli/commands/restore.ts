import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

/**
 * `kaiheisen restore FILE [--force]`: decrypts and checks a backup, then replaces the database (the
 * old file is kept as .bak). Refuses while another process (the bot) has the database open.
 */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('restore')
    .description('暗号化されたバックアップからデータベースを復元します (ボットを止めてから実行)')
    .argument('<file>', 'kaiheisen backup で作ったファイル')
    .option('--force', 'データベースが使用中でも置き換える (推奨しません)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (file: string, opts: { force?: boolean } & OperatorOptions) => (await import('../actions/restore.ts')).restore(deps, file, opts));
}
