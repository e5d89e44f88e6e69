import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';

/**
 * Files that hold personal data or keys (database, backups, reports, exports, key files) are readable by their
 * owner only, in folders only the owner can enter (security annex art. 12). The CLI also sets umask 077
 * (bin/kaiheisen.mjs); these modes are explicit so that they hold whatever the umask.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Writes (or overwrites) a file 0600, creating its folder 0700. */
export function writePrivateFile(path: string, content: string | Uint8Array): void {
  makeFolders(dirname(path));
  writeFileSync(path, content, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE); // an existing file keeps its mode on write
}

/**
 * Creates `dir` and its missing parents 0700 (an existing folder is left as it is). Unlike mkdirSync(…, {recursive}),
 * which in Node 20 loops forever on a parent that exists but refuses new entries (/proc/nope: ENOENT, then EEXIST on
 * /proc, …), this walks up once to the nearest existing folder and creates each missing one once, so any failure is
 * thrown at once.
 */
export function makeFolders(dir: string, mode: number = PRIVATE_FOLDER_MODE): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const stat = statSync(at, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw e;
    }
  }
}

/** A new file (0600, never an existing one), synced to disk before it is closed. */
export function writeFileDurably(path: string, bytes: Uint8Array | string): void {
  const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes (or replaces) `path` 0600 as a whole or not at all: a temp file beside it, synced, then renamed onto the
 * name. A symlink at `path` is replaced by the file, never written through; a folder there is an error (EISDIR).
 */
export function replacePrivateFileAtomically(path: string, content: string | Uint8Array): void {
  makeFolders(dirname(path));
  const temp = resolve(dirname(path), `.kaiheisen-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileDurably(temp, content);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Narrows what exists of `files` to 0600 and `folder` to 0700 when others could read them, and returns the paths
 * changed. A shared folder (the working directory, the home, /tmp, one owned by someone else) is left as it is.
 */
export function restrictModes(files: string[], folder?: string): string[] {
  const changed: string[] = [];
  const narrow = (path: string, mode: number) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || (stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return;
    chmodSync(path, mode);
    changed.push(path);
  };
  for (const file of files) if (existsSync(file)) narrow(file, PRIVATE_FILE_MODE);
  if (folder && !isSharedFolder(folder)) narrow(folder, PRIVATE_FOLDER_MODE);
  return changed;
}

function isSharedFolder(folder: string): boolean {
  const path = resolve(folder);
  return [process.cwd(), homedir(), tmpdir(), '/'].some((shared) => resolve(shared) === path);
}
