import { dirname, join } from 'node:path';
import { t } from '../../templates.ts';
import type { PlatformModule } from '../platform-module.ts';
import { createConsoleAdapter } from './console-adapter.ts';

/** <db folder>/reports: where the console bot saves the files it hands out (the database module is loaded when built). */
async function reportDirOf(databaseUrl: string): Promise<string> {
  const { sqlitePathFromUrl } = await import('../db/database.ts');
  return join(dirname(sqlitePathFromUrl(databaseUrl)), 'reports');
}

/**
 * The local console (the REPL of `kaiheisen start`): the platform when no other is configured, or with --console. It
 * has no settings; a person's console name is what `/as` takes.
 */
export const consolePlatform = {
  id: 'console',
  identity: { user: { pattern: /^[A-Za-z0-9._-]{1,64}$/, message: () => t('console.identity.user') } },
  receivesOverHttp: () => false,
  build: async ({ databaseUrl, consoleSink, db }) => {
    const { sentConsoleMessages } = await import('../db/console-message-store.ts');
    return createConsoleAdapter({ sink: consoleSink, fileDir: await reportDirOf(databaseUrl), restored: await sentConsoleMessages(db) });
  },
} satisfies PlatformModule;
