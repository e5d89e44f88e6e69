import { dialectOf, type Database, type OpenOptions } from './database.ts';

/** Opens (and migrates) the database DATABASE_URL names: an SQLite file, or PostgreSQL. Loads only that driver. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (dialectOf(url) === 'postgres') {
    const { openPostgresDatabase } = await import('./postgres/postgres-database.ts');
    return openPostgresDatabase(url, options);
  }
  const { openSqliteDatabase } = await import('./sqlite/sqlite-database.ts');
  return openSqliteDatabase(url, options);
}
