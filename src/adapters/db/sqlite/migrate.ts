import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Applies prisma/migrations in order, keeping Prisma's own `_prisma_migrations` table so that
 * `prisma migrate deploy/status` agree with what ran here. In-process: no engine, no subprocess.
 */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
}

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => ({ name: d.name, sql: readFileSync(join(dir, d.name, 'migration.sql'), 'utf8') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Returns the names of the migrations applied now. Safe when two processes start at once. */
export function applyMigrations(sqlite: BetterSqlite3.Database, migrations: MigrationFile[]): string[] {
  const applied: string[] = [];
  sqlite.exec(CREATE_TABLE);
  const done = sqlite.prepare(
    'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const record = sqlite.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
     VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
  );
  for (const m of migrations) {
    // IMMEDIATE takes the write lock first, so a concurrent starter waits, then sees it applied.
    const run = sqlite.transaction(() => {
      if (done.get(m.name)) return;
      sqlite.exec(m.sql);
      record.run(randomUUID(), createHash('sha256').update(m.sql).digest('hex'), m.name);
      applied.push(m.name);
    });
    run.immediate();
  }
  return applied;
}
