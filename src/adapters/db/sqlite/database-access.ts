import { accessSync, constants, readFileSync, statSync, type Stats } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, parse, resolve, sep } from 'node:path';
import { AppError, ErrorCode } from '../../../errors.ts';
import { t } from '../../../templates.ts';

/**
 * Whether this OS account can open (or create) the SQLite file, asked before anything else is done for it (no
 * development key is made for a database the account cannot open). The database and its folder are their owner's
 * alone (0600 in 0700, security annex art. 12): another account is told whose they are and how to run as that one.
 */
export function checkDatabaseAccess(databasePath: string): void {
  const problem = databaseAccessProblem(databasePath);
  if (problem) throw problem;
}

/** The refusal for `databasePath`, or undefined when this account can open it or create it. */
export function databaseAccessProblem(databasePath: string): AppError | undefined {
  const path = resolve(databasePath);
  const blocked = firstBlocked(path);
  if (!blocked) return undefined;
  const owner = accountName(blocked.stat.uid);
  const me = userInfo().username;
  const params = { database: path, blocked: blocked.path, owner, me, mode: (blocked.stat.mode & 0o777).toString(8).padStart(4, '0') };
  if (blocked.need === 'create') return new AppError(ErrorCode.ConfigInvalid, t('security.access.cannotCreate', params));
  const reason = t(`security.access.reason.${blocked.need}`);
  const own = blocked.stat.uid === process.getuid?.();
  return new AppError(ErrorCode.ConfigInvalid, t(own ? 'security.access.deniedOwn' : 'security.access.denied', { ...params, reason }));
}

type Need = 'enter' | 'create' | 'readWrite' | 'folderWrite';
interface Blocked {
  path: string;
  stat: Stats;
  need: Need;
}

/**
 * The first place on the way to the file this account may not pass: a folder it cannot enter, the nearest existing
 * folder it cannot create in (new database), the file it cannot read and write, or its folder (SQLite makes -wal and
 * -shm beside it).
 */
function firstBlocked(path: string): Blocked | undefined {
  let previous: { path: string; stat: Stats } | undefined;
  for (const folder of ancestors(path)) {
    const stat = statOf(folder);
    if (!stat) return previous && !allowed(previous.path, constants.W_OK | constants.X_OK) ? { ...previous, need: 'create' } : undefined;
    if (!stat.isDirectory()) return undefined; // not a permission matter: the open says what is wrong
    if (!allowed(folder, constants.X_OK)) return { path: folder, stat, need: 'enter' };
    previous = { path: folder, stat };
  }
  const stat = statOf(path);
  if (!stat) return previous && !allowed(previous.path, constants.W_OK | constants.X_OK) ? { ...previous, need: 'create' } : undefined;
  if (!allowed(path, constants.R_OK | constants.W_OK)) return { path, stat, need: 'readWrite' };
  if (previous && !allowed(previous.path, constants.W_OK | constants.X_OK)) return { ...previous, need: 'folderWrite' };
  return undefined;
}

/** undefined for a missing entry; what cannot be looked at otherwise (not a folder) is left to the open to report. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The folders from the root down to the file's own. */
function ancestors(path: string): string[] {
  const root = parse(path).root;
  const parts = dirname(path).slice(root.length).split(sep).filter(Boolean);
  return [root, ...parts.map((_, i) => root + parts.slice(0, i + 1).join(sep))];
}

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** The login name of a uid (from /etc/passwd), else "uid N". */
export function accountName(uid: number): string {
  if (uid === process.getuid?.()) return userInfo().username;
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // no passwd file to read: the number says enough
  }
  return `uid ${uid}`;
}
