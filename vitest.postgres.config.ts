import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The database tests on PostgreSQL (scripts/test-all.mjs sets KAIHEISEN_TEST_DIALECT=postgres and the server URL):
 * every test here gets its databases from test/support/temp-db.ts, which then creates them on that server. Tests
 * that look inside the SQLite file itself (its bytes, its modes, its lock) stay SQLite-only.
 */
export const POSTGRES_TESTS = [
  'test/integration/db/**/*.test.ts',
  'test/integration/chat/inbox.test.ts',
  'test/integration/chat/outbox.test.ts',
  'test/integration/security/audit-verify.test.ts',
  'test/integration/security/keys-shared.test.ts',
  'test/integration/security/field-encryption.test.ts',
];

export default defineConfig({ ...base, test: { ...base.test, include: POSTGRES_TESTS } });
