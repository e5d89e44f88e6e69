import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// The schema reads env("DATABASE_URL"); without it `prisma generate` tries to download a native
// engine, which cannot be fetched offline. The default matches src/config.ts.
// A PostgreSQL DATABASE_URL in the environment (the bot's setting) is not this schema's: it gets the default too,
// else `npx kaiheisen`, which runs the install scripts, fails for a user of PostgreSQL.
if (!process.env.DATABASE_URL?.startsWith('file:')) process.env.DATABASE_URL = 'file:./data/kaiheisen.db';
const url = process.env.DATABASE_URL.replace(/^file:/, '');
// The JS engine opens the file even for `migrate diff`; on a fresh clone data/ does not exist yet.
mkdirSync(dirname(url), { recursive: true });

// The JS schema engine runs migrate diff/deploy/dev offline.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
