import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

/**
 * Where a key file may not be (security annex art. 11, 12): anywhere a copy of the data goes too. That is the SQLite
 * database's folder (with its backups/, reports/ and disposal/) and the shared files folder (KAIHEISEN_SHARED_DIR,
 * which holds the backups, reports and disposal records of every instance, on either dialect).
 */

const realPath = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

export function isInsideFolder(path: string, folder: string): boolean {
  const rel = relative(realPath(folder), realPath(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A key file given by a setting (KAIHEISEN_DATA_KEY_FILE, a credential): refused inside the data or shared folder. */
export function refuseKeyFileWithData(keyFile: string, setting: string, places: { databasePath?: string; sharedDir?: string }): void {
  const { databasePath, sharedDir } = places;
  if (databasePath !== undefined && isInsideFolder(keyFile, dirname(databasePath))) {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.insideDataFolder', { setting, path: keyFile, folder: dirname(databasePath) }));
  }
  if (sharedDir !== undefined && isInsideFolder(keyFile, sharedDir)) {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.insideSharedFolder', { setting, path: keyFile, folder: resolve(sharedDir) }));
  }
}

/**
 * The demo's development key, in `devKeyDir` (<XDG_CONFIG_HOME or ~/.config>/kaiheisen): refused when that folder is
 * inside the data or shared folder (a database kept in the home folder itself), naming the folder actually used.
 */
export function refuseDevKeyWithData(keyFile: string, devKeyDir: string, places: { databasePath?: string; sharedDir?: string }): void {
  const { databasePath, sharedDir } = places;
  const dir = resolve(devKeyDir);
  const origin = dir === join(homedir(), '.config', 'kaiheisen') ? t('security.keys.devDirDefault') : t('security.keys.devDirXdg');
  if (databasePath !== undefined && isInsideFolder(keyFile, dirname(databasePath))) {
    const folder = dirname(databasePath);
    const example = join(folder, 'kaiheisen-data', basename(databasePath));
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.devInsideDataFolder', { dir, origin, folder, example }));
  }
  if (sharedDir !== undefined && isInsideFolder(keyFile, sharedDir)) {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.devInsideSharedFolder', { dir, origin, folder: resolve(sharedDir) }));
  }
}
