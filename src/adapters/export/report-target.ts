import { randomBytes } from 'node:crypto';
import { linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, ErrorCode } from '../../errors.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import { writeFileDurably } from '../private-files.ts';

/**
 * A file the operator named (--out, --csv) is written whole or not at all, never into a folder that does not exist
 * (no folder is created) and never over an existing file unless `force` (then it is replaced whole).
 */

/** Refuses, before any work, a target whose folder is missing or that already exists (unless `force`). */
export function checkReportTargets(paths: readonly (string | undefined)[], force: boolean): void {
  for (const given of paths) {
    if (given === undefined) continue;
    const path = resolve(given);
    const folder = dirname(path);
    const dir = statSync(folder, { throwIfNoEntry: false });
    if (!dir) throw new AppError(ErrorCode.InvalidInput, t('reportOutput.noFolder', { folder }));
    if (!dir.isDirectory()) throw new AppError(ErrorCode.InvalidInput, t('reportOutput.notFolder', { folder }));
    const existing = statSync(path, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw new AppError(ErrorCode.InvalidInput, t('reportOutput.isFolder', { file: path }));
    if (existing && !force) throw new AppError(ErrorCode.Conflict, t('reportOutput.exists', { file: path }));
  }
}

/** Writes `bytes` at `path` (0600) through a temp file beside it; returns the bytes written. */
export function writeReportFile(given: string, bytes: Uint8Array | string, force: boolean): number {
  const path = resolve(given);
  checkReportTargets([path], force);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  try {
    writeFileDurably(temp, data);
    if (force) renameSync(temp, path);
    else linkSync(temp, path);
  } catch (e) {
    throw writeErrorOf(path, e);
  } finally {
    rmSync(temp, { force: true });
  }
  return data.length;
}

/** A failed write as the operator's message: the file and why, in Japanese. */
export function writeErrorOf(path: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) return e instanceof AppError ? e : new AppError(ErrorCode.Internal, String(e));
  if (code === 'EEXIST') return new AppError(ErrorCode.Conflict, t('reportOutput.exists', { file: path }));
  const key = `reportOutput.reason.${code}`;
  const reason = hasTemplate(key) ? templateText(key) : t('reportOutput.reason.other', { code });
  return new AppError(ErrorCode.InvalidInput, t('reportOutput.writeFailed', { file: path, reason }));
}
