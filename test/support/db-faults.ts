import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { sqliteOnly } from '../../src/adapters/db/sqlite/sqlite-database.ts';
import { WRITE_LOCK } from '../../src/adapters/db/postgres/postgres-database.ts';
import type { TempDatabase } from './temp-db.ts';

/**
 * Faults and probes for the database under test, on either dialect: a trigger that makes some inserts fail (as a
 * full disk would), and whether another writer could start now without waiting (the bot's connection).
 */
export interface FailingInsert {
  name: string;
  table: string;
  /** A condition on NEW, e.g. `NEW."orderNo" = 'X'`; every insert when absent. */
  when?: string;
  message: string;
}

/** The error code the failing trigger's message comes with, as the import reports it. */
export const failingInsertCode = (t: TempDatabase): string => (t.db.dialect === 'postgres' ? 'P0001' : 'SQLITE_CONSTRAINT_TRIGGER');

export async function failInserts(t: TempDatabase, f: FailingInsert): Promise<void> {
  const statements =
    t.db.dialect === 'postgres'
      ? [
          `CREATE FUNCTION ${f.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${f.message}'; END $$`,
          `CREATE TRIGGER ${f.name} BEFORE INSERT ON "${f.table}" FOR EACH ROW ${f.when ? `WHEN (${f.when})` : ''} EXECUTE FUNCTION ${f.name}()`,
        ]
      : [`CREATE TRIGGER ${f.name} BEFORE INSERT ON "${f.table}" ${f.when ? `WHEN ${f.when}` : ''} BEGIN SELECT RAISE(ABORT, '${f.message}'); END`];
  await t.db.statements(async (sql) => {
    for (const s of statements) await sql.run(s);
  });
}

export async function stopFailingInserts(t: TempDatabase, f: Pick<FailingInsert, 'name' | 'table'>): Promise<void> {
  const statements = t.db.dialect === 'postgres' ? [`DROP TRIGGER ${f.name} ON "${f.table}"`, `DROP FUNCTION ${f.name}()`] : [`DROP TRIGGER ${f.name}`];
  await t.db.statements(async (sql) => {
    for (const s of statements) await sql.run(s);
  });
}

/**
 * Whether another connection can write at once, without waiting: SQLite, an insert with no busy timeout; PostgreSQL,
 * the writers' advisory lock taken without waiting, and an insert.
 */
export async function anotherWriterCanStart(t: TempDatabase): Promise<boolean> {
  if (t.db.dialect === 'postgres') return postgresWriterCanStart(t.url);
  const other = new BetterSqlite3(sqliteOnly(t.db, 'この処理').path, { timeout: 0 });
  try {
    other.prepare(`INSERT INTO "PollerMark" ("name", "mark", "updatedAt") VALUES ('probe', 0, 0)`).run();
    other.prepare(`DELETE FROM "PollerMark" WHERE "name" = 'probe'`).run();
    return true;
  } catch {
    return false;
  } finally {
    other.close();
  }
}

async function postgresWriterCanStart(url: string): Promise<boolean> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query('BEGIN');
    await other.query("SET LOCAL lock_timeout = '1ms'");
    const { rows } = await other.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS "locked"', [WRITE_LOCK]);
    if (!rows[0]?.locked) return false;
    await other.query(`INSERT INTO "PollerMark" ("name", "mark", "updatedAt") VALUES ('probe', now(), now())`);
    await other.query(`DELETE FROM "PollerMark" WHERE "name" = 'probe'`);
    return true;
  } catch {
    return false;
  } finally {
    await other.query('ROLLBACK').catch(() => undefined);
    await other.end();
  }
}
