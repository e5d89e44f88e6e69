import type { Database } from './database.ts';
import { PostgresDatabase } from './postgres/postgres-database.ts';

/** The lock of loading the examples into an empty database (WRITE_LOCK's neighbour: advisory locks share one space). */
export const EXAMPLES_LOCK = 4823177;

/**
 * Runs `fn` while no other instance runs one under the same lock: on PostgreSQL a session advisory lock on a
 * connection of its own, held across the several transactions `fn` may commit (the next instance waits, then sees
 * what the first did). SQLite: one process has the file, nothing to wait for.
 */
export async function onOneInstanceAtATime<T>(db: Database, lock: number, fn: () => Promise<T>): Promise<T> {
  if (!(db instanceof PostgresDatabase)) return fn();
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lock]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lock]);
    }
  } finally {
    client.release();
  }
}
