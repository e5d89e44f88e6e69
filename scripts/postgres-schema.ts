// Writes prisma/postgres/schema.prisma from prisma/schema.prisma, the one schema (`npm run db:regen`). The models are
// the same; only what PostgreSQL needs differs:
// - the provider, and the client's own output folder (src/adapters/db/generated-pg);
// - every DateTime is `timestamptz`: a plain `timestamp` stores the Date in the server process's local time.
// The migration made from it gets `COLLATE "C"` on every text column (postgresMigrationSql), so that text sorts by
// code point as SQLite's BINARY does, whatever the database's locale.
// test/unit/adapters/db/postgres-schema.test.ts fails while the written file is behind the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SQLITE_SCHEMA_FILE = join(ROOT, 'prisma', 'schema.prisma');
export const POSTGRES_SCHEMA_FILE = join(ROOT, 'prisma', 'postgres', 'schema.prisma');

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:regen\` (scripts/postgres-schema.ts): do not edit.
// The PostgreSQL form of the one schema: same models, timestamptz instants, its own client folder.
`;

export function postgresSchema(sqlite: string): string {
  const out = sqlite
    .replace(/output(\s*)=\s*"\.\.\/src\/adapters\/db\/generated"/, 'output$1= "../../src/adapters/db/generated-pg"')
    .replace(/provider(\s*)=\s*"sqlite"/, 'provider$1= "postgresql"')
    .replace(/^(\s+\w+\s+DateTime\??)(.*)$/gm, (_line, field: string, rest: string) => `${field}${withTimestamptz(rest)}`);
  if (!out.includes('generated-pg') || !out.includes('"postgresql"')) throw new Error('prisma/schema.prisma: generator output or provider not found');
  return HEADER + out;
}

/** Adds `@db.Timestamptz(3)` after the field's attributes, before its comment. */
function withTimestamptz(rest: string): string {
  const comment = rest.indexOf('//');
  const attributes = comment >= 0 ? rest.slice(0, comment) : rest;
  const tail = comment >= 0 ? ` ${rest.slice(comment)}` : '';
  return `${attributes.trimEnd()} @db.Timestamptz(3)${tail}`;
}

/** Text columns sort by code point, as SQLite's BINARY collation does (see the header). */
export function postgresMigrationSql(diffScript: string): string {
  return diffScript.replace(/ TEXT( NOT NULL)?(,|\n| DEFAULT)/g, (_m, notNull: string | undefined, after: string) => ` TEXT COLLATE "C"${notNull ?? ''}${after}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(POSTGRES_SCHEMA_FILE, postgresSchema(readFileSync(SQLITE_SCHEMA_FILE, 'utf8')));
}
