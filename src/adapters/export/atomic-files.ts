import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { makeFolders, PRIVATE_FOLDER_MODE, writeFileDurably } from '../private-files.ts';

function tempNameBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * A new file at `path` (0600): written to a temp file beside it, then hard-linked to its name, which fails
 * instead of replacing a file that is already there, so an earlier export is never overwritten.
 */
export function writeNewFileAtomically(path: string, bytes: Uint8Array | string): void {
  if (existsSync(path)) throw new AppError(ErrorCode.Conflict, t('protectedExport.exists', { file: path }));
  makeFolders(dirname(path));
  const temp = tempNameBeside(path);
  try {
    writeFileDurably(temp, bytes);
    linkSync(temp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError(ErrorCode.Conflict, t('protectedExport.exists', { file: path }));
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * A folder of files (0700, files 0600) that appears complete or not at all: filled under a temp name, then
 * renamed onto `dir`, which must be new or empty (rename replaces only an empty folder).
 */
export function writeNewFolderAtomically(dir: string, files: Record<string, Uint8Array | string>, notEmpty: () => AppError): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw notEmpty();
  makeFolders(dirname(dir));
  const temp = tempNameBeside(dir);
  mkdirSync(temp, { mode: PRIVATE_FOLDER_MODE });
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileDurably(join(temp, name), bytes);
    renameSync(temp, dir);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    if (['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw notEmpty();
    throw e;
  }
}

