import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
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
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  writeFileSync(path, content, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE); // an existing file keeps its mode on write
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
