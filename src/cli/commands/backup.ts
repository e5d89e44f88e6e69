import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

/** `kaiheisen backup [--out FILE]`: a consistent, encrypted copy of the database, also while the bot runs. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('backup')
    .description('データベースのバックアップを暗号化して保存します (ボット稼働中でも可)')
    .option('--out <file>', '保存先 (既定: KAIHEISEN_SHARED_DIR か SQLite のデータベースと同じ場所の backups/kaiheisen-YYYYMMDD-HHMMSS.db.enc、同じ秒にもう 1 つ作ると末尾に -2 など)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out?: string } & OperatorOptions) => (await import('../actions/backup.ts')).backup(deps, opts));
}
