import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA_FILE, SQLITE_SCHEMA_FILE, postgresSchema } from '../../../../scripts/postgres-schema.ts';

describe('the PostgreSQL schema', () => {
  it('is the one schema in its PostgreSQL form (run `npm run db:regen` after changing prisma/schema.prisma)', () => {
    expect(readFileSync(POSTGRES_SCHEMA_FILE, 'utf8')).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA_FILE, 'utf8')));
  });

  it('stores every instant as timestamptz, in the same models', () => {
    const pg = readFileSync(POSTGRES_SCHEMA_FILE, 'utf8');
    const models = (text: string) => [...text.matchAll(/^model (\w+)/gm)].map((m) => m[1]);
    expect(models(pg)).toEqual(models(readFileSync(SQLITE_SCHEMA_FILE, 'utf8')));
    const instants = pg.split('\n').filter((line) => /^\s+\w+\s+DateTime\??/.test(line));
    expect(instants.length).toBeGreaterThan(0);
    expect(instants.filter((line) => !line.includes('@db.Timestamptz(3)'))).toEqual([]);
  });
});
