import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/adapters/db/database.ts';

/** A real SQLite file in a fresh temp folder, migrated; `dispose` closes and deletes it. */
export interface TempDatabase {
  db: Database;
  url: string;
  dir: string;
  dispose(): Promise<void>;
}

export async function tempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const handle: TempDatabase = {
    db: await openDatabase(url),
    url,
    dir,
    dispose: async () => {
      await handle.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
