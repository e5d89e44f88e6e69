import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, Dialect, OpenOptions } from '../../src/adapters/db/database.ts';
import { openDatabase } from '../../src/adapters/db/open-database.ts';

/**
 * A real database, migrated, in a fresh temp folder; `dispose` closes and deletes both. SQLite by default; on
 * PostgreSQL when the database tests run there (`npm run test:postgres`, part of `npm test` where PostgreSQL is
 * installed): a new database on that server, dropped again by `dispose`.
 */
export interface TempDatabase {
  db: Database;
  url: string;
  dir: string;
  dispose(): Promise<void>;
}

/** The server the PostgreSQL pass runs against (scripts/test-postgres.mjs sets both). */
export const TEST_DIALECT: Dialect = process.env.KAIHEISEN_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const SERVER_URL = process.env.KAIHEISEN_TEST_POSTGRES_URL ?? '';

/** A fresh empty database URL of the dialect under test, and how to drop it. */
export async function tempDatabaseUrl(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (TEST_DIALECT === 'sqlite') return { url: `file:${join(dir, 'test.db')}`, drop: async () => undefined };
  if (!SERVER_URL) throw new Error('KAIHEISEN_TEST_DIALECT=postgres needs KAIHEISEN_TEST_POSTGRES_URL');
  const name = `kt_${randomBytes(8).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const folderOfUrl = new Map<string, string>();

/**
 * The settings that give a bot or command on a temp database somewhere to write its files (reports/, backups/): none on
 * SQLite (the file's folder), its temp folder as the shared folder on PostgreSQL, which has no folder of its own.
 */
export function filesFolderEnv(url: string): Record<string, string> {
  const dir = folderOfUrl.get(url);
  return TEST_DIALECT === 'postgres' && dir ? { KAIHEISEN_SHARED_DIR: dir } : {};
}

export async function tempDatabase(options: OpenOptions = {}, prefix = 'kaiheisen-test-'): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { url, drop } = await tempDatabaseUrl(dir);
  folderOfUrl.set(url, dir);
  const handle: TempDatabase = {
    db: await openDatabase(url, options),
    url,
    dir,
    dispose: async () => {
      await handle.db.close();
      await drop();
      folderOfUrl.delete(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
