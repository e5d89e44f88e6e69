import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { AppError, ErrorCode } from '../../../errors.ts';
import { t } from '../../../templates.ts';
import { decryptFile, encryptFile } from '../../crypto/backup-file.ts';
import { ENCRYPTED_PREFIX, type FieldCipher } from '../../crypto/field-cipher.ts';
import { makeFolders } from '../../private-files.ts';
import { redactUrl } from '../database.ts';

/**
 * `kaiheisen backup` / `restore` on PostgreSQL: pg_dump's custom format, encrypted with the data key into the same
 * kind of backup file as SQLite's (backup-file.ts). The plaintext dump exists only in a private temp folder of this
 * machine until it is encrypted (or restored). pg_dump and pg_restore get the connection from PG* variables: the
 * password is never on a command line (visible to every user in ps) nor in a message.
 */
const DUMP_MAGIC = Buffer.from('PGDMP', 'ascii');
const SQLITE_MAGIC = Buffer.from('SQLite format 3', 'ascii');

/** The libpq variables of a postgres:// URL, over the process's own (a URL without password keeps ~/.pgpass). */
export function libpqEnvironment(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  const host = u.searchParams.get('host') ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1');
  if (host) env.PGHOST = host;
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

interface ToolRun {
  /** What the tool wrote to stdout, when asked for. */
  out?: (chunk: Buffer) => void;
}

/** Runs pg_dump / pg_restore; a missing tool or a failure is a Japanese error with the tool's own words. */
function runTool(command: string, args: string[], url: string, run: ToolRun = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--no-password', ...args], { env: libpqEnvironment(url), stdio: ['ignore', run.out ? 'pipe' : 'ignore', 'pipe'] });
    const errors: Buffer[] = [];
    child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk));
    if (run.out) child.stdout!.on('data', run.out);
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new AppError(ErrorCode.ConfigInvalid, t('retention.backup.toolMissing', { command })) : e);
    });
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const detail = redactUrl(Buffer.concat(errors).toString('utf8').trim()).slice(-1_000) || '-';
      reject(new AppError(ErrorCode.Internal, t('retention.backup.toolFailed', { command, code: String(code), detail })));
    });
  });
}

/** A private folder of this machine for the plaintext dump, removed with everything in it. */
async function inPrivateTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-pg-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pg_dump --format=custom of the whole database (one snapshot: consistent while instances keep writing). */
export async function backupPostgres(url: string, target: string, cipher: FieldCipher): Promise<{ bytes: number }> {
  if (existsSync(target)) throw new AppError(ErrorCode.Conflict, t('retention.backup.exists', { file: target }));
  makeFolders(dirname(target));
  return inPrivateTemp(async (dir) => {
    const dump = join(dir, 'database.dump');
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`], url);
    try {
      await encryptFile(dump, target, cipher);
    } catch (e) {
      rmSync(target, { force: true });
      throw e;
    }
    return { bytes: statSync(target).size };
  });
}

/** Other sessions on the database (instances, psql): a restore replaces their tables under them. */
export async function postgresInUse(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return Number(rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Decrypts and checks the dump (a PostgreSQL archive of a kaiheisen database, every data key it uses on the
 * keyring), then pg_restore --clean --if-exists --no-owner in one transaction: a failure leaves the database as it
 * was. Refused while other sessions use the database, unless `force`.
 */
export async function restorePostgres(file: string, url: string, cipher: FieldCipher, force: boolean): Promise<void> {
  if (!existsSync(file)) throw new AppError(ErrorCode.NotFound, t('retention.backup.missing', { file }));
  await inPrivateTemp(async (dir) => {
    const dump = join(dir, 'database.dump');
    await decryptFile(file, dump, cipher);
    await verifyDump(dump, file, url, cipher);
    if (!force && (await postgresInUse(url))) throw new AppError(ErrorCode.Conflict, t('retention.backup.inUse', { database: redactUrl(url) }));
    await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${databaseNameOf(url)}`, dump], url);
  });
}

/** pg_restore takes the database by name (a conninfo would carry the password): the rest comes from PG*. */
const databaseNameOf = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';

function firstBytes(path: string, count: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}

async function verifyDump(dump: string, file: string, url: string, cipher: FieldCipher): Promise<void> {
  const head = firstBytes(dump, SQLITE_MAGIC.length);
  if (head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.wrongKind', { file, kind: 'SQLite' }));
  if (!head.subarray(0, DUMP_MAGIC.length).equals(DUMP_MAGIC)) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.corrupt', { file, detail: 'not a pg_dump archive' }));
  let list = '';
  await runTool('pg_restore', ['--list', dump], url, { out: (chunk) => void (list += chunk.toString('utf8')) });
  if (!/ TABLE \S+ _prisma_migrations /.test(list)) throw new AppError(ErrorCode.InvalidInput, t('retention.backup.corrupt', { file, detail: 'no _prisma_migrations' }));
  for (const keyId of await keyIdsInDump(dump, url)) cipher.keyById(keyId);
}

/** The data keys the dump's encrypted fields were written with (`enc:v1:<keyId>:…` in its table data). */
async function keyIdsInDump(dump: string, url: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const pattern = new RegExp(`${ENCRYPTED_PREFIX}([0-9A-Za-z_-]+):`, 'g');
  let carry = '';
  await runTool('pg_restore', ['--data-only', '--file=-', dump], url, {
    out: (chunk) => {
      const text = carry + chunk.toString('latin1');
      for (const match of text.matchAll(pattern)) ids.add(match[1]!);
      carry = text.slice(-64);
    },
  });
  return ids;
}
