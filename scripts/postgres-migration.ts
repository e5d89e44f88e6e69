// Writes prisma/postgres/migrations/20261125000000_init/migration.sql: `prisma migrate diff` of the PostgreSQL form
// of the schema (prisma/postgres/schema.prisma), with text columns in the C collation (postgres-schema.ts). The JS
// engine needs a reachable server even from empty: KAIHEISEN_TEST_POSTGRES_URL, or a throw-away cluster started with
// scripts/postgres-cluster.sh. The drift check (test/integration/db/postgres-schema-drift.test.ts) runs the same.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresMigrationSql } from './postgres-schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const POSTGRES_INIT_MIGRATION = join(ROOT, 'prisma', 'postgres', 'migrations', '20261125000000_init', 'migration.sql');
const CLUSTER = join(ROOT, 'scripts', 'postgres-cluster.sh');

/** The init migration as `prisma migrate diff` makes it now, against the server at `url`. */
export function postgresInitMigration(url: string): string {
  const script = execFileSync(
    join(ROOT, 'node_modules', '.bin', 'prisma'),
    ['migrate', 'diff', '--config', 'prisma/postgres/prisma.config.ts', '--from-empty', '--to-schema-datamodel', 'prisma/postgres/schema.prisma', '--script'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return postgresMigrationSql(script);
}

function withServer<T>(fn: (url: string) => T): T {
  const given = process.env.KAIHEISEN_TEST_POSTGRES_URL;
  if (given) return fn(given);
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-pg-'));
  try {
    const url = execFileSync('bash', [CLUSTER, 'start', dir, '54398'], { encoding: 'utf8' }).trim();
    return fn(url);
  } finally {
    execFileSync('bash', [CLUSTER, 'stop', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  withServer((url) => writeFileSync(POSTGRES_INIT_MIGRATION, postgresInitMigration(url)));
}
