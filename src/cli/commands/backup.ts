import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { backupDatabase, backupFileName, defaultBackupDir } from '../../adapters/db/backup.ts';
import { requireCipher } from '../../adapters/db/key-rotation.ts';

/** `kaiheisen backup [--out FILE]`: a consistent, encrypted copy of the database, also while the bot runs. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('backup')
    .description('データベースのバックアップを暗号化して保存します (ボット稼働中でも可)')
    .option('--out <file>', '保存先 (既定: データベースと同じ場所の backups/kaiheisen-YYYYMMDD-HHMM.db.enc)')
    .action(async (opts: { out?: string }) => {
      const ctx = await deps.context();
      const cipher = requireCipher(ctx.db);
      const now = ctx.clock.now();
      const file = opts.out ?? join(defaultBackupDir(ctx.db.path), backupFileName(now));
      const { bytes } = await backupDatabase(ctx.db.path, file, cipher);
      await ctx.db.write((tx) =>
        tx.auditLog.create({
          data: { at: now, actorId: null, channel: 'cli', action: 'database.backup', entity: 'Database', after: JSON.stringify({ file, bytes, keyId: cipher.currentKeyId }) },
        }),
      );
      ctx.logger.info('database backed up', { file, bytes, keyId: cipher.currentKeyId });
      deps.out(`${t('retention.backup.done', { file, bytes, keyId: cipher.currentKeyId })}\n`);
    });
}
