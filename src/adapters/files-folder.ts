import { dirname, join, resolve } from 'node:path';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import type { Database } from './db/database.ts';

/**
 * Where an instance keeps the files it writes (backups/, reports/, disposal/): the shared folder when one is set
 * (KAIHEISEN_SHARED_DIR, the same mount on every instance), otherwise the SQLite file's folder. PostgreSQL has no
 * database folder: without a shared folder there is none, so that no file lives only on one instance's disk.
 */
export function filesFolder(db: Pick<Database, 'file'>, sharedDir: string | undefined): string | undefined {
  if (sharedDir) return resolve(sharedDir);
  return db.file === undefined ? undefined : dirname(db.file);
}

/** `<files folder>/<name>`, or a clear error saying what to set, for a command that must write there. */
export function requireFilesFolder(db: Pick<Database, 'file'>, sharedDir: string | undefined, name: string): string {
  const folder = filesFolder(db, sharedDir);
  if (folder === undefined) throw new AppError(ErrorCode.ConfigInvalid, t('retention.files.sharedDirRequired', { name }));
  return join(folder, name);
}
