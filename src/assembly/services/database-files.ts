import { join, resolve } from 'node:path';
import type { BackupsHeld } from '../../application/retention/disposal-record.ts';
import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import { existingBackups, type BackupFile } from '../../adapters/db/backup-listing.ts';
import type { AppContext } from '../context.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { sqliteOnly } from '../../adapters/db/sqlite/sqlite-database.ts';
import { PostgresDatabase } from '../../adapters/db/postgres/postgres-database.ts';
import { backupPostgres, restorePostgres } from '../../adapters/db/postgres/postgres-backup.ts';
import { backupDatabase, backupsUsingKey, BACKUPS_FOLDER, countBackups, newBackupPath, restoreDatabase } from '../../adapters/db/backup.ts';
import { openDatabase } from '../../adapters/db/open-database.ts';
import { filesFolder, requireFilesFolder } from '../../adapters/files-folder.ts';
import type { FieldCipher } from '../../adapters/crypto/field-cipher.ts';
import { keyStatus, requireCipher, retireKey, rotateKeys, type KeyStatus, type RotationResult } from '../../adapters/db/key-rotation.ts';

export type { KeyStatus, KeyUse } from '../../adapters/db/key-rotation.ts';

/**
 * The database file itself: encrypted backups, a restore, the data keys (`kaiheisen backup | restore | keys`). Each
 * change is written to the audit log with the operator who made it (never as the system: the CLI authenticated them).
 */
async function audit(ctx: AppContext, actor: Actor, action: string, entity: string, after: Record<string, unknown>): Promise<void> {
  await ctx.db.write((tx) => tx.auditLog.create({ data: { at: ctx.clock.now(), actorId: actor.actorId, channel: actor.channel, action, entity, after: JSON.stringify(after) } }));
}

/** <files folder>/backups: next to the SQLite file, or in the shared folder (KAIHEISEN_SHARED_DIR). */
const backupDirOf = (ctx: AppContext): string => requireFilesFolder(ctx.db, ctx.config.sharedDir, BACKUPS_FOLDER);

/** <files folder>/disposal: where `kaiheisen purge` leaves the disposal records' CSV and PDF by default. */
export const disposalDirOf = (ctx: AppContext): string => requireFilesFolder(ctx.db, ctx.config.sharedDir, 'disposal');

/** The backups folder and how many backups are there (none known on PostgreSQL without a shared folder). */
export function backupsOf(ctx: AppContext): { dir: string; count: number } {
  const folder = filesFolder(ctx.db, ctx.config.sharedDir);
  if (folder === undefined) return { dir: '-', count: 0 };
  const dir = join(folder, BACKUPS_FOLDER);
  return { dir, count: countBackups(dir) };
}

/**
 * The backups that still hold what a purge deletes now: every backup that exists (backups folder, and files written
 * elsewhere that the audit log names), with when it was made, in Tokyo time. Read before the purge: it may delete
 * the audit rows that name them.
 */
export async function backupsHoldingData(ctx: AppContext): Promise<BackupsHeld> {
  const { dir } = backupsOf(ctx);
  const files = (await knownBackups(ctx, dir === '-' ? [] : [dir])).map((b) => ({ file: b.file, madeAt: tokyoTimestamp(b.madeAt).slice(0, 16) }));
  return { dir, count: files.length, files };
}

/**
 * The backups that exist now: the `.db.enc` files of `dirs`, and every file a `database.backup` audit row names
 * (also those written elsewhere with `backup --out`) that is still there.
 */
async function knownBackups(ctx: AppContext, dirs: string[]): Promise<BackupFile[]> {
  const rows = await ctx.db.read.auditLog.findMany({ where: { action: 'database.backup' }, select: { at: true, after: true }, orderBy: { id: 'asc' } });
  const audited = rows.flatMap((r) => {
    const file = (JSON.parse(r.after ?? '{}') as { file?: unknown }).file;
    return typeof file === 'string' ? [{ file, at: r.at }] : [];
  });
  const found = new Map<string, BackupFile>();
  for (const b of existingBackups(undefined, audited)) found.set(b.file, b);
  for (const dir of dirs) for (const b of existingBackups(dir, [])) found.set(b.file, b);
  return [...found.values()];
}

/** A consistent, encrypted copy of the database (also while the bot runs), to `file` or into the backups folder. */
export async function backUpDatabase(ctx: AppContext, actor: Actor, file?: string): Promise<{ file: string; bytes: number; keyId: string }> {
  const cipher = requireCipher(ctx.db);
  const target = resolve(file ?? newBackupPath(backupDirOf(ctx), ctx.clock.now()));
  const { bytes } = ctx.db instanceof PostgresDatabase ? await backupPostgres(ctx.db.url, target, cipher) : await backupDatabase(sqliteOnly(ctx.db, 'この処理').path, target, cipher);
  const done = { file: target, bytes, keyId: cipher.currentKeyId };
  await audit(ctx, actor, 'database.backup', 'Database', done);
  ctx.logger.info('database backed up', done);
  return done;
}

/**
 * Replaces the database with a backup (SQLite: the old file is kept as .bak; PostgreSQL: its tables are replaced in
 * one transaction), refused while another process has it open unless `force`. The context's own connection is
 * closed first: it would count as "in use".
 */
export async function restoreDatabaseFrom(ctx: AppContext, file: string, force: boolean, actorId: string | null = null): Promise<{ previous: string | null }> {
  const cipher = requireCipher(ctx.db);
  const { previous, url } = await replaceDatabase(ctx, file, cipher, force);
  const restored = await openDatabase(url, { cipher });
  try {
    await restored.write((tx) =>
      tx.auditLog.create({ data: { at: ctx.clock.now(), actorId, channel: 'cli', action: 'database.restored', entity: 'Database', after: JSON.stringify({ file, previous, forced: force }) } }),
    );
  } finally {
    await restored.close();
  }
  ctx.logger.warn('database restored from backup', { file, previous, forced: force });
  return { previous };
}

async function replaceDatabase(ctx: AppContext, file: string, cipher: FieldCipher, force: boolean): Promise<{ previous: string | null; url: string }> {
  if (ctx.db instanceof PostgresDatabase) {
    const url = ctx.db.url;
    await ctx.db.close();
    await restorePostgres(file, url, cipher, force);
    return { previous: null, url };
  }
  const path = sqliteOnly(ctx.db, 'この処理').path;
  await ctx.db.close();
  const { previous } = await restoreDatabase(file, path, cipher, force);
  return { previous, url: `file:${path}` };
}

/** The data keys of the personal fields (annex art. 11, 16). */
export function dataKeysOf(ctx: AppContext, actor: Actor) {
  return {
    status: (): Promise<KeyStatus> => keyStatus(ctx.db),
    /** A new current key, and every personal field encrypted again under it, in one transaction. */
    async rotate(): Promise<RotationResult> {
      const result = await rotateKeys(ctx.db, ctx.clock.now());
      const figures = { from: result.oldKeyId, to: result.newKeyId, fields: result.fields };
      await audit(ctx, actor, 'keys.rotated', 'DataKey', figures);
      ctx.logger.info('data key rotated', figures);
      return result;
    },
    /**
     * Takes an old key off the keyring; refused, unless `force`, while a backup made with it exists: in the backups
     * folder, in `backupsDir`, or anywhere the audit log says a backup was written (`backup --out`).
     */
    async retire(keyId: string, options: { backupsDir?: string; force: boolean }): Promise<boolean> {
      const folder = backupsOf(ctx).dir;
      const dirs = [...(folder === '-' ? [] : [folder]), ...(options.backupsDir ? [resolve(options.backupsDir)] : [])];
      const backups = (await knownBackups(ctx, dirs)).map((b) => b.file);
      const backupsUsing = await backupsUsingKey(backups, keyId);
      const changed = await retireKey(ctx.db, keyId, { backupsUsingKey: backupsUsing, force: options.force });
      await audit(ctx, actor, 'keys.retired', 'DataKey', { keyId, keyFileChanged: changed });
      return changed;
    },
  };
}
