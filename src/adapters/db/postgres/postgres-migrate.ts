import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { MigrationFile } from '../sqlite/migrate.ts';

/** The lock Prisma's own migrate takes: `prisma migrate deploy` and a starting bot never migrate at once. */
const MIGRATE_LOCK = 72707369;

/** Prisma's own table, column for column, so that `prisma migrate status` agrees with what ran here. */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the migrations not applied yet, each in its own transaction, under Prisma's advisory lock: instances
 * starting together on an empty database apply each migration once. A file is sent as one query (its function
 * bodies are $$-quoted and hold semicolons). Returns the names applied now.
 */
export async function applyPostgresMigrations(pool: pg.Pool, migrations: MigrationFile[]): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    await client.query(CREATE_TABLE);
    for (const m of migrations) {
      const done = await client.query(
        'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
        [m.name],
      );
      if (done.rowCount) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), createHash('sha256').update(m.sql).digest('hex'), m.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
