import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { BACKUP_SUFFIX } from './backup.ts';

/** A backup file that exists now, and when it was made (the audit row's time when it is known). */
export interface BackupFile {
  file: string; // absolute path
  madeAt: Date;
}

/**
 * The backups that exist now: every `.db.enc` in the backups folder, and every file a `database.backup` audit row
 * names (a backup written elsewhere with `backup --out`) that is still there. Each existing backup was made before
 * anything deleted now, so each still holds it. Oldest first.
 */
export function existingBackups(dir: string | undefined, audited: { file: string; at: Date }[]): BackupFile[] {
  const found = new Map<string, BackupFile>();
  for (const { file, at } of audited) {
    const path = resolve(file);
    if (existsSync(path)) found.set(path, { file: path, madeAt: at });
  }
  if (dir && existsSync(dir)) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith(BACKUP_SUFFIX))) {
      const path = resolve(join(dir, name));
      if (!found.has(path)) found.set(path, { file: path, madeAt: madeAtOf(path) });
    }
  }
  return [...found.values()].sort((a, b) => a.madeAt.getTime() - b.madeAt.getTime() || a.file.localeCompare(b.file));
}

/**
 * kaiheisen-YYYYMMDD-HHMMSS[-n].db.enc (and the older kaiheisen-YYYYMMDD-HHMM.db.enc) names its Tokyo time; another
 * name, its modification time.
 */
function madeAtOf(path: string): Date {
  const m = /^kaiheisen-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})?(?:-\d+)?\.db\.enc$/.exec(basename(path));
  if (!m) return statSync(path).mtime;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+09:00`);
}
