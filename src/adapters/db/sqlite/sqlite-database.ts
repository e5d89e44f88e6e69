import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/client.ts';
import { applyMigrations, readMigrations } from './migrate.ts';
import { withFieldEncryption } from '../field-encryption.ts';
import { AuditSealer, GENESIS, headValues, isNewDatabaseSql, UPSERT_HEAD_SQL } from '../audit-chain.ts';
import { withAuditSealing } from '../audit-sealing.ts';
import { CurrentKeyFollower, recordedKeyName, recordedKeyNameInTx } from '../data-key-state.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import { AppError, ErrorCode } from '../../../errors.ts';
import { makeFolders, restrictModes } from '../../private-files.ts';
import { databaseAccessProblem } from './database-access.ts';
import { retryWhenBusy, sqlitePathFromUrl, SerialQueue, type Database, type OpenOptions, type Sql, type SqlRun, type Tx } from '../database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));
export const BUSY_TIMEOUT_MS = 5_000;


/**
 * One SQLite file behind Prisma's better-sqlite3 adapter. The adapter shares a single connection: a plain write
 * issued while an interactive transaction is open would join it (and be lost on its rollback), so every write goes
 * through the queue, one at a time.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private queue = new SerialQueue();
  private follower: CurrentKeyFollower | undefined;
  private raw: BetterSqlite3.Database | undefined;
  private sql: Sql | undefined;

  constructor(
    readonly prisma: PrismaClient,
    readonly path: string,
    readonly cipher?: FieldCipher,
    private sealer?: AuditSealer,
  ) {}

  get read(): PrismaClient {
    return this.prisma;
  }

  get location(): string {
    return this.path;
  }

  get file(): string {
    return this.path;
  }

  write<T>(fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const timeout = options.timeoutMs ?? 120_000;
    return this.push(() =>
      retryWhenBusy(() =>
        this.prisma.$transaction(
          async (tx) => {
            await lockForWriting(tx);
            await this.keyFollower.inTransaction(recordedKeyNameInTx(tx));
            return fn(tx);
          },
          { timeout, maxWait: 30_000 },
        ),
      ),
    );
  }

  run<T>(fn: (client: PrismaClient) => Promise<T>): Promise<T> {
    return this.push(() => retryWhenBusy(() => fn(this.prisma)));
  }

  statements<T>(fn: (sql: Sql) => Promise<T>, options: { transaction?: boolean } = {}): Promise<T> {
    return this.push(() =>
      retryWhenBusy(async () => {
        const sql = (this.sql ??= sqliteSql(this.rawConnection()));
        if (!options.transaction) {
          await this.keyFollower.onStatements(recordedKeyName(sql));
          return fn(sql);
        }
        const raw = this.rawConnection();
        raw.exec('BEGIN IMMEDIATE');
        try {
          await this.keyFollower.inTransaction(recordedKeyName(sql));
          const result = await fn(sql);
          raw.exec('COMMIT');
          return result;
        } catch (e) {
          if (raw.inTransaction) raw.exec('ROLLBACK');
          throw e;
        }
      }),
    );
  }

  /**
   * A second, synchronous connection to the same file for hot single statements. Use it only inside `run()` or
   * `statements()`: the queue keeps it from waiting on a transaction of this process, which would block the event
   * loop for the busy timeout.
   */
  rawConnection(): BetterSqlite3.Database {
    if (!this.raw) {
      this.raw = new BetterSqlite3(this.path, { timeout: BUSY_TIMEOUT_MS });
      this.raw.pragma('synchronous = NORMAL'); // per connection, as for the Prisma one
    }
    return this.raw;
  }

  /** One unit of work on the write queue; the audit chain head it committed is told (AuditSealer.committing). */
  private push<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.push(() => this.auditSealer.committing(work));
  }

  /** Created on first use: the cipher, a constructor parameter, is set only then. */
  private get keyFollower(): CurrentKeyFollower {
    return (this.follower ??= new CurrentKeyFollower(this.cipher));
  }

  get auditSealer(): AuditSealer {
    return (this.sealer ??= new AuditSealer(this.cipher));
  }

  async close(): Promise<void> {
    await this.queue.drained();
    this.raw?.close();
    this.raw = undefined;
    await this.prisma.$disconnect();
  }
}

/**
 * Statements on the synchronous connection, prepared once each. Rows come from `.all()`, never `.get()`, for a
 * statement with RETURNING: in autocommit the commit happens when the statement completes; `.get()` stops after the
 * first row and better-sqlite3 drops the error of that reset, so a commit that failed on a full disk still returned
 * a row (test/integration/faults/full-disk.test.ts).
 */
export function sqliteSql(raw: BetterSqlite3.Database): Sql {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let statement = cache.get(text);
    if (!statement) cache.set(text, (statement = raw.prepare(text)));
    return statement;
  };
  const args = (params: unknown[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p instanceof Date ? p.toISOString().replace('Z', '+00:00') : p));
  return {
    dialect: 'sqlite',
    async all<T>(text: string, ...params: unknown[]) {
      return prepared(text).all(...args(params)) as T[];
    },
    async get<T>(text: string, ...params: unknown[]) {
      const statement = prepared(text);
      if (/\bRETURNING\b/i.test(text)) return statement.all(...args(params))[0] as T | undefined;
      return statement.get(...args(params)) as T | undefined;
    },
    async run(text: string, ...params: unknown[]): Promise<SqlRun> {
      const statement = prepared(text);
      if (!statement.reader) return { changes: statement.run(...args(params)).changes };
      return { changes: statement.all(...args(params)).length };
    },
  };
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

const databaseFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

/**
 * Creates the file and its folder when missing (0600 in 0700; SQLite gives -wal and -shm the file's mode), sets
 * WAL, applies pending migrations. Wider modes of an existing database (older versions) are narrowed and reported.
 */
export function prepareDatabaseFile(path: string, onModesFixed?: (paths: string[]) => void, sealer?: AuditSealer): string[] {
  const existed = existsSync(path);
  const fixed = existed ? restrictModes(databaseFiles(path), dirname(path)) : [];
  makeFolders(dirname(path));
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
    if (!(raw.prepare(isNewDatabaseSql('sqlite')).pluck().get() as number)) return;
    raw.prepare(UPSERT_HEAD_SQL).run(...headValues(sealer, 0, GENESIS));
  }).immediate();
}

export async function openSqliteDatabase(url: string, options: OpenOptions = {}): Promise<SqliteDatabase> {
  const path = sqlitePathFromUrl(url);
  const sealer = new AuditSealer(options.cipher, options.onAuditHead);
  try {
    prepareDatabaseFile(path, options.onModesFixed, sealer);
  } catch (e) {
    throw databaseAccessProblem(path) ?? e; // SQLITE_CANTOPEN, EACCES: whose file it is and what to do
  }
  const adapter = new PrismaBetterSQLite3({ url: path, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  // Per connection. In WAL mode NORMAL survives a process crash (the case the inbox guards against); only a
  // power loss can drop the last commits. FULL would fsync on every commit, before every chat acknowledgement.
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  const client = options.cipher ? withFieldEncryption(prisma, options.cipher) : prisma;
  return new SqliteDatabase(withAuditSealing(client, prisma, sealer, 'sqlite'), path, options.cipher, sealer);
}

/** The SQLite file and its synchronous connection, for what exists only on SQLite; a clear error on PostgreSQL. */
export function sqliteOnly(db: Database, what: string): SqliteDatabase {
  if (db instanceof SqliteDatabase) return db;
  throw new AppError(ErrorCode.ConfigInvalid, `${what} は SQLite のデータベースでだけ使えます (DATABASE_URL: ${db.location})`);
}
