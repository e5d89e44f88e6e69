import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, backupFileName, databaseInUse, restoreDatabase } from '../../../src/adapters/db/backup.ts';
import { encryptFile, decryptFile } from '../../../src/adapters/crypto/backup-file.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { encryptedTempDatabase, testCipher } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

const SQLITE = fileURLToPath(import.meta.resolve('better-sqlite3'));

/** Another connection (its own thread) that keeps inserting JobRun rows key-000001, key-000002, ... */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path, { timeout: 5000 });
const insert = db.prepare('INSERT INTO "JobRun" ("key", "instanceId", "startedAt") VALUES (?, ?, ?)');
const counter = new Int32Array(workerData.shared);
for (let n = 1; n <= 200000 && Atomics.load(counter, 1) === 0; n++) {
  insert.run('key-' + String(n).padStart(6, '0'), 'writer', new Date(0).toISOString());
  Atomics.store(counter, 0, n);
  if (n === 200) parentPort.postMessage('ready');
}
db.close();
parentPort.postMessage('done');
`;

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function seed(t: TempDatabase): Promise<void> {
  await t.db.write(async (tx) => {
    await tx.workOrder.create({
      data: { orderNo: 'B-1', kind: 'open', scheduledDate: '2026-03-27', address: '金沢市試験町2-2', town: '試験町', contentHash: 'h', customerName: '控え 次郎', phone: '076-000-5678' },
    });
    await tx.auditLog.createMany({ data: Array.from({ length: 3000 }, (_, i) => ({ channel: 'system', action: 'seed', entity: 'x', after: 'y'.repeat(300 + (i % 7)) })) });
  });
}

function jobKeys(path: string): string[] {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return (raw.prepare('SELECT "key" FROM "JobRun" ORDER BY "key"').all() as { key: string }[]).map((r) => r.key);
  } finally {
    raw.close();
  }
}

/**
 * The SQLite snapshot (VACUUM INTO while another connection writes to the file, the .bak, the file lock): SQLite only.
 * PostgreSQL's pg_dump counterpart is tested in backup-roundtrip.test.ts, with the service both dialects use.
 */
describe('backup and restore', () => {
  it.runIf(TEST_DIALECT === 'sqlite')('round-trips a consistent, encrypted snapshot while another connection keeps writing', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    const shared = new SharedArrayBuffer(8);
    const counter = new Int32Array(shared);
    const worker = new Worker(WRITER, { eval: true, workerData: { sqlite: SQLITE, path: sqliteOnly(temp.db, 'この処理').path, shared } });
    const done = new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => m === 'done' && resolve());
      worker.on('error', reject);
    });
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    const before = Atomics.load(counter, 0);
    const file = join(temp.dir, 'backups', backupFileName(new Date('2026-03-27T01:05:00Z')));
    await backupDatabase(sqliteOnly(temp.db, 'この処理').path, file, temp.db.cipher!);
    const during = Atomics.load(counter, 0);
    Atomics.store(counter, 1, 1);
    await done;

    expect(file).toMatch(/kaiheisen-20260327-100500\.db\.enc$/);
    expect(backupFileName(new Date('2026-03-27T01:05:00Z'), 2)).toBe('kaiheisen-20260327-100500-2.db.enc');
    expect(during).toBeGreaterThan(before);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from('SQLite format 3'))).toBe(false);

    const target = join(temp.dir, 'restored.db');
    const result = await restoreDatabase(file, target, temp.db.cipher!, false);
    expect(result.previous).toBeNull();
    const keys = jobKeys(target);
    expect(keys.length).toBeGreaterThanOrEqual(before);
    expect(keys.length).toBeLessThanOrEqual(Atomics.load(counter, 0));
    expect(keys.at(-1)).toBe(`key-${String(keys.length).padStart(6, '0')}`); // no gap: one snapshot
    const restored = await openDatabase(`file:${target}`, { cipher: temp.db.cipher });
    try {
      expect((await restored.read.workOrder.findFirstOrThrow()).customerName).toBe('控え 次郎');
      expect(await restored.read.auditLog.count()).toBe(3000);
    } finally {
      await restored.close();
    }
  });

  it.runIf(TEST_DIALECT === 'sqlite')('refuses a database in use unless forced, and keeps the old file as .bak', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    const file = join(temp.dir, 'one.db.enc');
    await backupDatabase(sqliteOnly(temp.db, 'この処理').path, file, temp.db.cipher!);
    await temp.db.write((tx) => tx.jobRun.create({ data: { key: 'after-backup', instanceId: 'x' } }));
    expect(databaseInUse(sqliteOnly(temp.db, 'この処理').path)).toBe(true);
    await expect(restoreDatabase(file, sqliteOnly(temp.db, 'この処理').path, temp.db.cipher!, false)).rejects.toThrow(/使用中/);
    const cipher = temp.db.cipher!;
    await temp.db.close();
    expect(databaseInUse(sqliteOnly(temp.db, 'この処理').path)).toBe(false);
    const result = await restoreDatabase(file, sqliteOnly(temp.db, 'この処理').path, cipher, false);
    expect(result.previous).toBe(`${sqliteOnly(temp.db, 'この処理').path}.bak`);
    expect(jobKeys(`${sqliteOnly(temp.db, 'この処理').path}.bak`)).toEqual(['after-backup']);
    expect(jobKeys(sqliteOnly(temp.db, 'この処理').path)).toEqual([]);
    temp.db = await openDatabase(temp.url, { cipher });
  });

  it('detects a wrong key, a changed byte, a cut file and a file that is no backup', async () => {
    temp = await encryptedTempDatabase();
    const plain = join(temp.dir, 'plain.bin');
    writeFileSync(plain, Buffer.alloc(70_000, 7));
    const sealed = join(temp.dir, 'plain.enc');
    await encryptFile(plain, sealed, testCipher('one'), 16_384);
    const roundTrip = join(temp.dir, 'again.bin');
    await decryptFile(sealed, roundTrip, testCipher('one'));
    expect(readFileSync(roundTrip).equals(readFileSync(plain))).toBe(true);

    await expect(decryptFile(sealed, join(temp.dir, 'w.bin'), testCipher('other'))).rejects.toThrow(/暗号鍵 [0-9a-f]{10} がありません/);
    const bytes = readFileSync(sealed);
    bytes[bytes.length - 100]! ^= 1;
    writeFileSync(join(temp.dir, 'flipped.enc'), bytes);
    await expect(decryptFile(join(temp.dir, 'flipped.enc'), join(temp.dir, 'f.bin'), testCipher('one'))).rejects.toThrow(/改変/);
    const cut = join(temp.dir, 'cut.enc');
    const header = 8 + 1 + 10 + 16 + 4;
    writeFileSync(cut, readFileSync(sealed).subarray(0, header + 2 * (4 + 16_384 + 16))); // cut between two chunks
    await expect(decryptFile(cut, join(temp.dir, 'c.bin'), testCipher('one'))).rejects.toThrow(/改変/);
    truncateSync(cut, 30);
    await expect(decryptFile(cut, join(temp.dir, 'd.bin'), testCipher('one'))).rejects.toThrow(/バックアップファイルではありません|切れて/);
    await expect(decryptFile(plain, join(temp.dir, 'e.bin'), testCipher('one'))).rejects.toThrow(/バックアップファイルではありません/);
  });
});
