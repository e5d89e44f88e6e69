import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKeyringFitsDatabase, loadDataKeyring } from '../../../src/adapters/db/data-key-setup.ts';
import { sqlitePathFromUrl } from '../../../src/adapters/db/database.ts';
import { SAMPLE_END_ROWS, SAMPLE_RANDOM_ROWS, sampleKeyIds } from '../../../src/adapters/db/stored-key-ids.ts';
import { encryptedTempDatabase, testKey, testKeyring } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

/**
 * The check at start-up that the given key can read the database looks at a bounded sample of each table, not at
 * every row (issue 15): a database encrypted under one key still refuses another, and the rows it reads do not grow
 * with the tables. On SQLite before the database is opened (loadDataKeyring), on PostgreSQL once it is open.
 */
let handle: TempDatabase | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});

async function withOrders(count: number): Promise<TempDatabase> {
  handle = await encryptedTempDatabase(); // key 'one'
  const data = Array.from({ length: count }, (_, i) => ({
    orderNo: `S-${i}`, kind: 'close', scheduledDate: '2026-03-27', address: `金沢市試験町${i}`, town: '試験町', contentHash: 'h',
    customerNumber: `77${String(i).padStart(8, '0')}`, customerName: `試験 ${i}`, phone: `076-111-${String(i).padStart(4, '0')}`,
  }));
  await handle.db.write((tx) => tx.workOrder.createMany({ data }));
  return handle;
}

/** How the process would start on this database with the given keyring. */
async function startWith(h: TempDatabase, seed: string): Promise<void> {
  if (TEST_DIALECT === 'postgres') return checkKeyringFitsDatabase(testKeyring(seed), h.db);
  const settings = { key: testKey(seed).key.toString('base64'), devKeyDir: join(h.dir, 'dev-keys') };
  loadDataKeyring(settings, sqlitePathFromUrl(h.url), { debug() {}, info() {}, warn() {}, error() {} }, { production: true, notice: () => undefined });
}

describe('the key check at start-up', () => {
  it('refuses a database encrypted under key A when started with key B, with the Japanese message; starts with A', async () => {
    const h = await withOrders(300);
    await expect(startWith(h, 'other')).rejects.toThrow(/個人情報の暗号鍵 [0-9a-f]{10} がありません/);
    await expect(startWith(h, 'one')).resolves.toBeUndefined();
  });

  it('reads the same few rows of a table of 40 orders and of 2,000', async () => {
    const perTable = 2 * SAMPLE_END_ROWS + SAMPLE_RANDOM_ROWS;
    const small = await withOrders(40);
    const few = await small.db.statements((sql) => sampleKeyIds(sql));
    await small.dispose();
    handle = undefined;
    const large = await withOrders(2_000);
    const many = await large.db.statements((sql) => sampleKeyIds(sql));
    expect(few).toEqual({ keyIds: [testKey('one').id], rowsRead: perTable });
    expect(many).toEqual({ keyIds: [testKey('one').id], rowsRead: perTable });
  });
});
