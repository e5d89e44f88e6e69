import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { restoreDatabase } from '../../adapters/db/backup.ts';
import { openDatabase } from '../../adapters/db/database.ts';
import { requireCipher } from '../../adapters/db/key-rotation.ts';

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
    .action(async (file: string, opts: { force?: boolean }) => {
      const ctx = await deps.context();
      const cipher = requireCipher(ctx.db);
      const path = ctx.db.path;
      await ctx.db.close(); // our own connection would count as "in use"
      const { previous } = await restoreDatabase(file, path, cipher, opts.force === true);
      const restored = await openDatabase(`file:${path}`, { cipher });
      try {
        await restored.write((tx) =>
          tx.auditLog.create({
            data: { at: ctx.clock.now(), actorId: null, channel: 'cli', action: 'database.restored', entity: 'Database', after: JSON.stringify({ file, previous, forced: opts.force === true }) },
          }),
        );
      } finally {
        await restored.close();
      }
      ctx.logger.warn('database restored from backup', { file, previous, forced: opts.force === true });
      deps.out(`${previous ? t('retention.backup.restored', { file, previous }) : t('retention.backup.restoredFresh', { file })}\n${t('retention.backup.restartHint')}\n`);
    });
}
