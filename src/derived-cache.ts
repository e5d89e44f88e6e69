import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A value derived from text files (the templates' YAML parsed and merged), kept as JSON under the OS temp directory
 * with the files' paths, sizes and modification times it was derived from: a later process whose files are unchanged
 * reads the JSON instead of loading the YAML parser and parsing again (most of a short CLI command's start-up). A
 * changed file changes that key, so a stale value is never used. The folder is this OS user's alone (0700, checked);
 * when it cannot be used, the value is simply derived each time.
 */
export function derivedFromFiles<T>(label: string, files: readonly string[], derive: (texts: string[]) => T): T {
  const key = files.map((f) => { const st = statSync(f); return `${f}\0${st.size}\0${st.mtimeMs}`; }).join('\0');
  const dir = privateCacheDir();
  const file = dir && join(dir, `${label}-${fnv1a(key)}.json`);
  if (file) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { key: string; value: T };
      if (stored.key === key) return stored.value;
    } catch {
      // not there yet (or unreadable): derived below
    }
  }
  const value = derive(files.map((f) => readFileSync(f, 'utf8')));
  if (file) writeQuietly(file, JSON.stringify({ key, value }));
  return value;
}

/** A short name for the key (the key itself is stored and compared): FNV-1a, 32 bits, hex. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function privateCacheDir(): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const dir = join(tmpdir(), `kaiheisen-cache-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    return st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (temp file, then rename): a concurrent reader never sees half a file. */
function writeQuietly(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // a full or read-only temp directory: the next run derives it again
  }
}
