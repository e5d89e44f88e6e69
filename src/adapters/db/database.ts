import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient, type Prisma } from './generated/client.ts';
import { applyMigrations, readMigrations } from './migrate.ts';
import { withFieldEncryption } from './field-encryption.ts';
import { AuditSealer, GENESIS, headValues, IS_NEW_DATABASE_SQL, UPSERT_HEAD_SQL } from './audit-chain.ts';
import { withAuditSealing } from './audit-sealing.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { PRIVATE_FOLDER_MODE, restrictModes } from '../private-files.ts';

export type Tx = Prisma.TransactionClient;
export type { PrismaClient };

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
const BUSY_TIMEOUT_MS = 5_000;
const BUSY_RETRIES = 5;

export function sqlitePathFromUrl(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') {
    throw new AppError(ErrorCode.ConfigInvalid, 'DATABASE_URL: メモリ上のデータベースは使えません。file:パス を指定してください');
  }
  if (!url.startsWith('file:')) {
    throw new AppError(ErrorCode.ConfigInvalid, `DATABASE_URL は file: で始まる SQLite のパスです (受け取った値: ${url})`);
  }
  return resolve(url.slice('file:'.length).replace(/\?.*$/, ''));
}

/**
 * One SQLite file behind Prisma's better-sqlite3 adapter. The adapter shares a single connection:
 * a plain write issued while an interactive transaction is open would join it (and be lost on its
 * rollback), so every write goes through `write()`, which runs transactions one at a time.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  private raw: BetterSqlite3.Database | undefined;

  constructor(
    readonly prisma: PrismaClient,
    readonly path: string,
    /** Encrypts personal fields at rest (field-encryption.ts); absent only in tests that opt out. */
    readonly cipher?: FieldCipher,
    private sealer?: AuditSealer,
  ) {}

  /** Reads may go straight to the client. */
  get read(): PrismaClient {
    return this.prisma;
  }

  write<T>(fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const timeout = options.timeoutMs ?? 120_000;
    const run = this.queue.then(() =>
      retryWhenBusy(() => this.prisma.$transaction(async (tx) => fn(await lockForWriting(tx)), { timeout, maxWait: 30_000 })),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A single statement (or a few that need no rollback together) on the same queue as `write`, without the
   * cost of an interactive transaction: for hot paths such as storing an inbound chat event.
   */
  run<T>(fn: (client: PrismaClient) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => retryWhenBusy(() => fn(this.prisma)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A second, synchronous connection to the same file for hot single statements (the chat inbox). Use it only
   * inside `run()`: the queue keeps it from waiting on a transaction of this process, which would block the
   * event loop for the busy timeout.
   */
  rawConnection(): BetterSqlite3.Database {
    if (!this.raw) {
      this.raw = new BetterSqlite3(this.path, { timeout: BUSY_TIMEOUT_MS });
      this.raw.pragma('synchronous = NORMAL'); // per connection, as for the Prisma one
    }
    return this.raw;
  }

  /** Seals audit rows with the current data key (audit-chain.ts); unsealed without a cipher. One per database: it caches derived keys. */
  get auditSealer(): AuditSealer {
    return (this.sealer ??= new AuditSealer(this.cipher));
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.raw?.close();
    this.raw = undefined;
    await this.prisma.$disconnect();
  }
}

/**
 * Prisma's adapter begins a transaction DEFERRED: its first read takes a snapshot, and its first write then fails
 * at once (SQLITE_BUSY_SNAPSHOT, no busy wait) if another process committed since, e.g. an import committing in
 * short steps. A write that changes nothing, first, takes the write lock as BEGIN IMMEDIATE would: a busy
 * database is waited for (busy timeout), and the snapshot is never stale.
 */
async function lockForWriting(tx: Tx): Promise<Tx> {
  await tx.$executeRawUnsafe('DELETE FROM "PollerMark" WHERE 0');
  return tx;
}

/** How Prisma's SQLite adapter stores a DateTime (ISO 8601 with an explicit +00:00). */
export const sqliteTimestamp = (at: Date): string => at.toISOString().replace('Z', '+00:00');

export function isBusyError(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${(e as { code?: string }).code ?? ''}` : String(e);
  return /SQLITE_BUSY|database is locked|P1008|Socket timeout/i.test(text);
}

async function retryWhenBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusyError(e) || attempt >= BUSY_RETRIES) throw e;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

const databaseFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

/**
 * Creates the file and its folder when missing (0600 in 0700; SQLite gives -wal and -shm the file's mode), sets
 * WAL, applies pending migrations. Wider modes of an existing database (older versions) are narrowed and reported.
 */
export function prepareDatabaseFile(path: string, onModesFixed?: (paths: string[]) => void, sealer?: AuditSealer): string[] {
  const existed = existsSync(path);
  const fixed = existed ? restrictModes(databaseFiles(path), dirname(path)) : [];
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const raw = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    if (!existed) fixed.push(...restrictModes([path], dirname(path)).filter((p) => p !== path));
    raw.pragma('journal_mode = WAL');
    restrictModes(databaseFiles(path));
    if (fixed.length > 0) onModesFixed?.(fixed);
    raw.pragma('synchronous = NORMAL');
    const applied = applyMigrations(raw, readMigrations(MIGRATIONS_DIR));
    if (sealer?.keyed) startAuditChain(raw, sealer);
    return applied;
  } finally {
    raw.close();
  }
}

/**
 * A new database gets its sealed, empty chain head at once, before any data: from then on a missing head record
 * means the trail was wiped (audit-chain.ts headOf), not that the database is new.
 */
function startAuditChain(raw: BetterSqlite3.Database, sealer: AuditSealer): void {
  raw.transaction(() => {
    if (!(raw.prepare(IS_NEW_DATABASE_SQL).pluck().get() as number)) return;
    raw.prepare(UPSERT_HEAD_SQL).run(...headValues(sealer, 0, GENESIS));
  }).immediate();
}

export interface OpenOptions {
  /** Personal fields are encrypted with it (see field-encryption.ts). */
  cipher?: FieldCipher;
  /** Told once which files or folders had modes others could read, now narrowed. */
  onModesFixed?: (paths: string[]) => void;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const path = sqlitePathFromUrl(url);
  const sealer = new AuditSealer(options.cipher);
  prepareDatabaseFile(path, options.onModesFixed, sealer);
  const adapter = new PrismaBetterSQLite3({ url: path, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  // Per connection. In WAL mode NORMAL survives a process crash (the case the inbox guards against); only a
  // power loss can drop the last commits. FULL would fsync on every commit, before every chat acknowledgement.
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  const client = options.cipher ? withFieldEncryption(prisma, options.cipher) : prisma;
  return new Database(withAuditSealing(client, prisma, sealer), path, options.cipher, sealer);
}
