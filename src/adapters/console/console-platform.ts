import { dirname, join } from 'node:path';
import type { Config } from '../../config.ts';
import { sqlitePathFromUrl } from '../db/database.ts';
import type { PlatformModule } from '../platform-module.ts';
import { createConsoleAdapter } from './console-adapter.ts';

/** <db folder>/reports: where the console bot saves the files it hands out. */
function reportDirOf(config: Pick<Config, 'databaseUrl'>): string {
  return join(dirname(sqlitePathFromUrl(config.databaseUrl)), 'reports');
}

/** The local console (the REPL of `kaiheisen start`): the platform when no other is configured, or with --console. */
export const consolePlatform: PlatformModule = {
  id: 'console',
  configured: () => false,
  receivesOverHttp: () => false,
  build: async ({ config, consoleSink }) => createConsoleAdapter({ sink: consoleSink, fileDir: reportDirOf(config) }),
};
