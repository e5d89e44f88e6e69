import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTGRES_INIT_MIGRATION, postgresInitMigration } from '../../../scripts/postgres-migration.ts';
import { TEST_DIALECT } from '../../support/temp-db.ts';

const folders = (dir: string) => readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory()).sort();

describe('the PostgreSQL migrations', () => {
  it('has a PostgreSQL migration of the same name for every SQLite one, and no other', () => {
    const sqlite = folders('prisma/migrations');
    expect(sqlite.length).toBeGreaterThan(0);
    expect(folders('prisma/postgres/migrations')).toEqual(sqlite);
    for (const name of sqlite) expect(readFileSync(join('prisma/postgres/migrations', name, 'migration.sql'), 'utf8').trim()).not.toBe('');
  });

  // `prisma migrate diff` needs the server even from empty: only in the PostgreSQL pass.
  it.runIf(TEST_DIALECT === 'postgres')('the init migration is exactly what prisma generates from the PostgreSQL schema (`npm run db:regen`)', () => {
    const generated = postgresInitMigration(process.env.KAIHEISEN_TEST_POSTGRES_URL!);
    expect(readFileSync(POSTGRES_INIT_MIGRATION, 'utf8')).toBe(generated);
  }, 60_000);
});
