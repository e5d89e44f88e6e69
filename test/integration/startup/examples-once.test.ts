import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { EXAMPLES_LOCK, onOneInstanceAtATime } from '../../../src/adapters/db/instance-lock.ts';
import type { Database } from '../../../src/adapters/db/database.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

/**
 * What loadExamplesIfEmpty (example-loader.ts) does under the lock: look whether the database is empty, then load in
 * several transactions (staff, orders, assignment), with awaits between them where another instance could look.
 */
async function loadIfEmpty(db: Database, instance: string): Promise<boolean> {
  return onOneInstanceAtATime(db, EXAMPLES_LOCK, async () => {
    if ((await db.read.person.count()) > 0) return false;
    await db.write((tx) => tx.person.create({ data: { id: `w-${instance}`, affiliation: 'contractor', name: instance } }));
    await new Promise((r) => setImmediate(r));
    await db.write((tx) => tx.workOrder.create({ data: { orderNo: `O-${instance}`, kind: 'open', scheduledDate: '2026-03-27', address: 'a', town: 't', contentHash: 'h' } }));
    return true;
  });
}

// PostgreSQL only: several instances share one server there. An SQLite file has one bot process.
describe.runIf(TEST_DIALECT === 'postgres')('loading the examples into an empty database', () => {
  it('two instances starting at once load them once', async () => {
    temp = await encryptedTempDatabase();
    const instances = [temp.db, ...(await Promise.all([1, 2].map(() => openDatabase(temp!.url, { cipher: temp!.db.cipher }))))];
    try {
      const loaded = await Promise.all(instances.map((db, i) => loadIfEmpty(db, `i${i}`)));
      expect(loaded.filter(Boolean)).toHaveLength(1);
      expect(await temp.db.read.person.count()).toBe(1);
      expect(await temp.db.read.workOrder.count()).toBe(1);
    } finally {
      await Promise.all(instances.slice(1).map((db) => db.close()));
    }
  });
});
