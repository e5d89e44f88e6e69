import { join } from 'node:path';
import { t } from '../../templates.ts';
import type { PlatformModule } from '../platform-module.ts';
import type { Database } from '../db/database.ts';
import { createConsoleAdapter } from './console-adapter.ts';

/**
 * <files folder>/reports: where the console bot saves the files it hands out (the database module is loaded when
 * built). None on PostgreSQL without a shared folder: the console then shows the files without saving them.
 */
async function reportDirOf(db: Pick<Database, 'file'>, sharedDir: string | undefined): Promise<string | undefined> {
  const { filesFolder } = await import('../files-folder.ts');
  const folder = filesFolder(db, sharedDir);
  return folder === undefined ? undefined : join(folder, 'reports');
}

/**
 * The local console (the REPL of `kaiheisen start`): the platform when no other is configured, or with --console. It
 * has no settings; a person's console name is what `/as` takes.
 */
export const consolePlatform = {
  id: 'console',
  identity: { user: { pattern: /^[A-Za-z0-9._-]{1,64}$/, message: () => t('console.identity.user') } },
  receivesOverHttp: () => false,
  build: async ({ sharedDir, consoleSink, db }) => {
    const { sentConsoleMessages } = await import('../db/console-message-store.ts');
    return createConsoleAdapter({ sink: consoleSink, fileDir: await reportDirOf(db, sharedDir), restored: await sentConsoleMessages(db) });
  },
} satisfies PlatformModule;
