import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppError, ErrorCode } from '../../../errors.ts';
import { numberedPlaceholders } from '../placeholders.ts';
import { t } from '../../../templates.ts';
import { PrismaClient as PostgresClient } from '../generated-pg/client.ts';
import type { PrismaClient } from '../generated/client.ts';
import { readMigrations } from '../sqlite/migrate.ts';
import { applyPostgresMigrations } from './postgres-migrate.ts';
import { withFieldEncryption } from '../field-encryption.ts';
import { AuditSealer, GENESIS, headValues, isNewDatabaseSql, UPSERT_HEAD_SQL } from '../audit-chain.ts';
import { withAuditSealing } from '../audit-sealing.ts';
import { CurrentKeyFollower, recordedKeyName, recordedKeyNameInTx } from '../data-key-state.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import { redactUrl, retryWhenBusy, SerialQueue, type Database, type OpenOptions, type Sql, type Tx } from '../database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../prisma/postgres/migrations', import.meta.url));
/** Every writing transaction takes it first: one writer at a time across instances, as SQLite's write lock gives. */
export const WRITE_LOCK = 4823176;
const POOL_SIZE = 10;

/** Serialization failures and deadlocks: the transaction did nothing and may simply run again. */
const isRetryable = (e: unknown): boolean => {
  const code = (e as { code?: string }).code ?? '';
  const text = e instanceof Error ? e.message : String(e);
  return code === '40001' || code === '40P01' || /P1008|could not serialize|deadlock detected/i.test(text);
};

/**
 * PostgreSQL behind Prisma's pg adapter, sharing one pool with the plain statements. Instances are stateless: all
 * they share is here.
 */
export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly file = undefined;
  private queue = new SerialQueue();
  private follower: CurrentKeyFollower | undefined;
  private poolSql: Sql;

  constructor(
    readonly prisma: PrismaClient,
    readonly pool: pg.Pool,
    readonly url: string,
    readonly cipher?: FieldCipher,
    private sealer?: AuditSealer,
  ) {
    this.poolSql = postgresSql(pool);
  }

  get read(): PrismaClient {
    return this.prisma;
  }

  get location(): string {
    return redactUrl(this.url);
  }

  write<T>(fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    const timeout = options.timeoutMs ?? 120_000;
    return this.push(() =>
      retryWhenBusy(
        () =>
          this.prisma.$transaction(
            async (tx) => {
              await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
              await this.keyFollower.inTransaction(recordedKeyNameInTx(tx));
              return fn(tx);
            },
            { timeout, maxWait: 30_000 },
          ),
        isRetryable,
      ),
    );
  }

  run<T>(fn: (client: PrismaClient) => Promise<T>): Promise<T> {
    return this.push(() => retryWhenBusy(() => fn(this.prisma), isRetryable));
  }

  statements<T>(fn: (sql: Sql) => Promise<T>, options: { transaction?: boolean } = {}): Promise<T> {
    return this.push(() =>
      retryWhenBusy(async () => {
        if (options.transaction) return this.inTransaction(fn);
        await this.keyFollower.onStatements(recordedKeyName(this.poolSql));
        return fn(this.poolSql);
      }, isRetryable),
    );
  }

  private async inTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const sql = postgresSql(client);
      await this.keyFollower.inTransaction(recordedKeyName(sql));
      const result = await fn(sql);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
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
    await this.prisma.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export function postgresSql(client: Queryable): Sql {
  const cache = new Map<string, string>();
  const text = (sql: string) => {
    let numbered = cache.get(sql);
    if (numbered === undefined) cache.set(sql, (numbered = numberedPlaceholders(sql)));
    return numbered;
  };
  const query = (sql: string, params: unknown[]) => (client as pg.Pool).query(text(sql), params);
  return {
    dialect: 'postgres',
    async all<T>(sql: string, ...params: unknown[]) {
      return (await query(sql, params)).rows as T[];
    },
    async get<T>(sql: string, ...params: unknown[]) {
      return (await query(sql, params)).rows[0] as T | undefined;
    },
    async run(sql: string, ...params: unknown[]) {
      return { changes: (await query(sql, params)).rowCount ?? 0 };
    },
  };
}

/** The first connection: a server that cannot be reached gets a Japanese message naming the database (no password). */
async function connectOrExplain(pool: pg.Pool, url: string): Promise<void> {
  try {
    (await pool.connect()).release();
  } catch (e) {
    const reason = connectionProblem(e as { code?: string; message?: string });
    throw new AppError(ErrorCode.ConfigInvalid, t('database.unreachable', { database: redactUrl(url), reason }));
  }
}

function connectionProblem(e: { code?: string; message?: string }): string {
  if (e.code === 'ECONNREFUSED') return t('database.reason.refused');
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return t('database.reason.host');
  if (e.code === '3D000') return t('database.reason.noDatabase');
  if (e.code === '28P01' || e.code === '28000') return t('database.reason.auth');
  if (e.code === 'ETIMEDOUT') return t('database.reason.timeout');
  return t('database.reason.other', { message: redactUrl(e.message ?? String(e)) });
}

/** A new database gets its sealed, empty audit chain head before any data (see the SQLite form). */
async function startAuditChain(pool: pg.Pool, sealer: AuditSealer): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    const sql = postgresSql(client);
    const row = await sql.get<{ isNew: boolean }>(isNewDatabaseSql('postgres'));
    if (row?.isNew) await sql.run(UPSERT_HEAD_SQL, ...headValues(sealer, 0, GENESIS));
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export async function openPostgresDatabase(url: string, options: OpenOptions = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // Without a listener, a connection the server drops while idle (a restart) is an uncaught exception: the pool
  // discards that client and the next query opens a new one.
  pool.on('error', () => undefined);
  const sealer = new AuditSealer(options.cipher, options.onAuditHead);
  try {
    await connectOrExplain(pool, url);
    await applyPostgresMigrations(pool, readMigrations(MIGRATIONS_DIR));
    if (sealer.keyed) await startAuditChain(pool, sealer);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  const prisma = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient;
  await prisma.$connect();
  const client = options.cipher ? withFieldEncryption(prisma, options.cipher) : prisma;
  return new PostgresDatabase(withAuditSealing(client, prisma, sealer, 'postgres'), pool, url, options.cipher, sealer);
}
