import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { catalogSafePool } from '../../src/adapters/db/postgres/catalog-safe-pool.ts';

// For `prisma migrate diff` on the PostgreSQL form of the schema (`npm run db:regen`, and the drift check in
// test/integration/db/postgres-migrations.test.ts). The JS engine needs a reachable server even --from-empty:
// DATABASE_URL=postgres://… (any database; nothing is written). `prisma generate` (postinstall) connects to nothing,
// but with a non-PostgreSQL URL in the environment it would try to download a native engine: it gets a placeholder.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) process.env.DATABASE_URL = 'postgres://localhost/kaiheisen';
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => new PrismaPg(catalogSafePool(url)),
});
