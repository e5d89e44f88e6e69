import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { catalogSafePool } from '../../src/adapters/db/postgres/catalog-safe-pool.ts';

// For `prisma migrate diff` on the PostgreSQL form of the schema (`npm run db:regen`, and the drift check in
// test/integration/db/postgres-migrations.test.ts). The JS engine needs a reachable server even --from-empty:
// DATABASE_URL=postgres://… (any database; nothing is written).
const url = process.env.DATABASE_URL ?? '';
if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL for prisma/postgres/prisma.config.ts');

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => new PrismaPg(catalogSafePool(url)),
});
