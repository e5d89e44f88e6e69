import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { backUpDatabase } from '../../assembly/services/database-files.ts';

/** `kaiheisen backup [--out FILE]`: a consistent, encrypted copy of the database, also while the bot runs. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('backup')
    .description('データベースのバックアップを暗号化して保存します (ボット稼働中でも可)')
    .option('--out <file>', '保存先 (既定: データベースと同じ場所の backups/kaiheisen-YYYYMMDD-HHMM.db.enc)')
    .action(async (opts: { out?: string }) => {
      const done = await backUpDatabase(await deps.context(), opts.out);
      deps.out(`${t('retention.backup.done', done)}\n`);
    });
}
