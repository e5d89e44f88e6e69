import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { PurgeOptions } from '../actions/purge.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION } from '../operator-options.ts';

/** `kaiheisen purge --before D [--dry-run] [--out DIR]`: retention and disposal (annex art. 12). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('purge')
    .description('基準日より前のデータを消去し、消去記録 (CSV・PDF) を残します')
    .requiredOption('--before <date>', '基準日 YYYY-MM-DD: これより前の日付のデータを消去')
    .option('--dry-run', '件数を表示するだけで消去しない')
    .option('--out <dir>', '消去記録の保存先 (既定: KAIHEISEN_SHARED_DIR か SQLite のデータベースと同じ場所の disposal/)')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: PurgeOptions) => (await import('../actions/purge.ts')).purge(deps, opts));
}
