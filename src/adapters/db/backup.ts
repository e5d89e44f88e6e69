import { closeSync, existsSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { backupKeyId, decryptFile, encryptFile } from '../crypto/backup-file.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { makeFolders, writePrivateFile } from '../private-files.ts';
import { keyIdCounts } from './data-key-setup.ts';
import { ENCRYPTED_FIELDS } from './field-encryption.ts';

/**
 * `kaiheisen backup` / `restore` (security annex art. 21-3). The snapshot is `VACUUM INTO` on a
 * connection of its own: one read transaction, so it is consistent while the bot keeps writing (WAL).
 * The plaintext snapshot lives next to the database only until it is encrypted (backup-file.ts).
 */
export const BACKUP_SUFFIX = '.db.enc';
/** The backups' folder inside the files folder (src/adapters/files-folder.ts). */
export const BACKUPS_FOLDER = 'backups';

export function defaultBackupDir(databasePath: string): string {
  return join(dirname(databasePath), BACKUPS_FOLDER);
}

/** kaiheisen-YYYYMMDD-HHMMSS.db.enc in Asia/Tokyo; `n` > 1 (another backup in the same second): …-HHMMSS-n.db.enc. */
export function backupFileName(at: Date, n = 1): string {
  const tokyo = new Date(at.getTime() + 9 * 3_600_000).toISOString();
  const stamp = `${tokyo.slice(0, 10).replaceAll('-', '')}-${tokyo.slice(11, 19).replaceAll(':', '')}`;
  return `kaiheisen-${stamp}${n > 1 ? `-${n}` : ''}${BACKUP_SUFFIX}`;
}

/** The default backup file in `dir` for a backup made at `at`: the first name of backupFileName not taken yet. */
export function newBackupPath(dir: string, at: Date): string {
  for (let n = 1; ; n++) {
    const path = join(dir, backupFileName(at, n));
    if (!existsSync(path)) return path;
  }
}

export async function backupDatabase(databasePath: string, target: string, cipher: FieldCipher): Promise<{ bytes: number }> {
  if (existsSync(target)) throw new AppError(ErrorCode.Conflict, t('retention.backup.exists', { file: target }));
  makeFolders(dirname(target));
  const snapshot = `${databasePath}.backup-${process.pid}.tmp`;
  rmSync(snapshot, { force: true });
  try {
    writePrivateFile(snapshot, ''); // VACUUM INTO keeps an empty file's mode: the plaintext copy is never 0644
    const raw = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true, timeout: 5_000 });
    try {
      raw.prepare('VACUUM INTO ?').run(snapshot);
    } finally {
      raw.close();
    }
    await encryptFile(snapshot, target, cipher);
    return { bytes: statSync(target).size };
  } catch (e) {
    rmSync(target, { force: true });
    throw e;
  } finally {
    rmSync(snapshot, { force: true });
  }
}

/** True when another connection (any process) has the database open: SQLite cannot leave WAL mode then. */
export function databaseInUse(databasePath: string): boolean {
  if (!existsSync(databasePath)) return false;
  const probe = new BetterSqlite3(databasePath, { timeout: 0 });
  try {
    const mode = probe.pragma('journal_mode = DELETE', { simple: true });
    probe.pragma('journal_mode = WAL');
    return mode !== 'delete';
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    probe.close();
  }
}

export interface RestoreResult {
  previous: string | null;
}

/** Decrypts, checks (integrity_check, keys), then swaps the file in; the old one is kept as .bak. */
export async function restoreDatabase(file: string, databasePath: string, cipher: FieldCipher, force: boolean): Promise<RestoreResult> {
  if (!existsSync(file)) throw new AppError(ErrorCode.NotFound, t('retention.backup.missing', { file }));
  const staged = `${databasePath}.restore-${process.pid}.tmp`;
  rmSync(staged, { force: true });
  try {
    await decryptFile(file, staged, cipher);
    verifyRestored(staged, cipher, file);
    if (!force && databaseInUse(databasePath)) throw new AppError(ErrorCode.Conflict, t('retention.backup.inUse', { database: databasePath }));
    const previous = setAside(databasePath);
    renameSync(staged, databasePath);
    return { previous };
  } finally {
    rmSync(staged, { force: true });
  }
}

function verifyRestored(path: string, cipher: FieldCipher, file: string): void {
  if (startsWithPostgresDump(path)) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.wrongKind', { file, kind: 'PostgreSQL' }));
  const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const check = raw.pragma('integrity_check', { simple: true });
    const migrated = raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (check !== 'ok' || !migrated) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.corrupt', { file, detail: String(check) }));
    for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      for (const field of fields) for (const keyId of keyIdCounts(raw, model, field).keys()) cipher.keyById(keyId);
    }
  } finally {
    raw.close();
  }
}

function startsWithPostgresDump(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('ascii') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/** Checkpoints the old database into its main file and renames it to .bak (its -wal/-shm go). */
function setAside(databasePath: string): string | null {
  if (!existsSync(databasePath)) return null;
  try {
    const raw = new BetterSqlite3(databasePath, { timeout: 5_000 });
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
  } catch {
    // A damaged database is exactly what a restore replaces: keep it as it is.
  }
  const previous = `${databasePath}.bak`;
  renameSync(databasePath, previous);
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  return previous;
}

/** Which of these backup files were made with this key (a retired key makes them unreadable). */
export async function backupsUsingKey(files: string[], keyId: string): Promise<string[]> {
  const ids = await Promise.all(files.map((f) => backupKeyId(f).catch(() => undefined))); // removed meanwhile: not a backup any more
  return files.filter((_, i) => ids[i] === keyId);
}

export function countBackups(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(BACKUP_SUFFIX)).length : 0;
}
