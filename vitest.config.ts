import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    setupFiles: ['test/support/private-config-home.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { TZ: 'UTC', DOTENV_CONFIG_QUIET: 'true', KAIHEISEN_LOG_LEVEL: 'silent' },
  },
});
