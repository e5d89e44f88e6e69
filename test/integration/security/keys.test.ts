import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../../src/adapters/crypto/field-cipher.ts';
import { readKeyFile, writeKeyFile } from '../../../src/adapters/crypto/keyring.ts';
import { developmentKeyFile, loadDataKeyring } from '../../../src/adapters/db/data-key-setup.ts';
import { type Database } from '../../../src/adapters/db/database.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { keyStatus, retireKey, rotateKeys } from '../../../src/adapters/db/key-rotation.ts';
import type { Logger, LogFields } from '../../../src/application/ports.ts';
import { testKey, testKeyring } from '../../support/test-cipher.ts';

const lines: { message: string; fields?: LogFields }[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: (message, fields) => void lines.push({ message, fields }),
  warn: () => undefined,
  error: () => undefined,
};

let dir = '';
let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
  lines.length = 0;
});

function fresh(): { dbPath: string; url: string } {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-keys-'));
  const dbPath = join(dir, 'data', 'kaiheisen.db');
  return { dbPath, url: `file:${dbPath}` };
}

async function addOrders(target: Database, count: number): Promise<void> {
  await target.write((tx) =>
    tx.workOrder.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        orderNo: `K-${i}`, kind: 'close', scheduledDate: '2026-03-27', address: `金沢市試験町${i}`, town: '試験町', contentHash: 'h',
        customerNumber: `77${String(i).padStart(8, '0')}`, customerName: `試験 ${i}`, customerNameKana: 'シケン', phone: `076-111-${String(i).padStart(4, '0')}`,
      })),
    }),
  );
}

function storedKeyIds(path: string): string[] {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const rows = raw.prepare(`SELECT DISTINCT substr("phone", 8, 10) AS id FROM "WorkOrder"`).all() as { id: string }[];
    return rows.map((r) => r.id);
  } finally {
    raw.close();
  }
}

describe('data keys', () => {
  it('creates the demo\'s development key once, in the configuration folder, 0600 in 0700, labelled, with no key in the log', async () => {
    const { dbPath, url } = fresh();
    const devKeyDir = join(dir, 'config', 'kaiheisen');
    const notices: string[] = [];
    const demo = { production: false, notice: (text: string) => void notices.push(text) };
    const ring = loadDataKeyring({ devKeyDir }, dbPath, logger, demo);
    const keyFile = developmentKeyFile(devKeyDir, dbPath);
    expect(keyFile.startsWith(`${devKeyDir}/development-key-`)).toBe(true);
    expect(ring.source).toEqual({ kind: 'file', path: keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(devKeyDir).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ purpose: 'development', label: expect.stringContaining('開発用の鍵'), database: dbPath });
    expect(notices).toEqual([expect.stringContaining(`開発用の暗号鍵を作りました: ${keyFile}`)]);
    expect(lines).toEqual([{ message: 'development data key created', fields: { path: keyFile, keyId: ring.current.id } }]);
    expect(JSON.stringify([lines, notices])).not.toContain(ring.current.key.toString('base64'));
    expect(loadDataKeyring({ devKeyDir }, dbPath, logger, demo).current.id).toBe(ring.current.id);
    expect([lines, notices].map((l) => l.length)).toEqual([1, 1]);
    // Another database gets its own development key.
    expect(loadDataKeyring({ devKeyDir }, join(dir, 'other', 'x.db'), logger, demo).current.id).not.toBe(ring.current.id);

    db = await openDatabase(url, { cipher: new FieldCipher(ring) });
    await addOrders(db, 1);
    expect(readdirSync(join(dir, 'data')).filter((f) => !f.startsWith('kaiheisen.db'))).toEqual([]);
    rmSync(keyFile);
    expect(() => loadDataKeyring({ devKeyDir }, dbPath, logger, demo)).toThrow(/暗号化された個人情報がありますが、暗号鍵がありません/);
    expect(() => loadDataKeyring({ devKeyDir, key: testKey('x').key.toString('base64') }, dbPath, logger, demo)).toThrow(/暗号鍵 [0-9a-f]{10} がありません/);
    expect(() => loadDataKeyring({ devKeyDir, key: 'c2hvcnQ=' }, dbPath, logger, demo)).toThrow(/32 バイト/);
    expect(() => loadDataKeyring({ devKeyDir, key: 'a', keyFile: 'b' }, dbPath, logger, demo)).toThrow(/片方だけ/);
  });

  it('rotates: new key current, every value re-encrypted in one go, old key kept until retired', async () => {
    const { url, dbPath } = fresh();
    const keyFile = join(dir, 'keys.json');
    writeKeyFile(keyFile, testKeyring('old'));
    const cipher = new FieldCipher(loadDataKeyring({ keyFile, devKeyDir: join(dir, 'config') }, dbPath, logger, { production: true, notice: () => undefined }));
    db = await openDatabase(url, { cipher });
    await addOrders(db, 2500);
    await db.write((tx) => tx.complaint.create({ data: { kind: 'noWater', via: 'cli', receivedAt: new Date(), customerNumber: '7700000007', description: 'x' } }));
    const oldId = testKey('old').id;

    const result = await rotateKeys(db, new Date('2026-11-25T00:00:00Z'));
    expect(result.oldKeyId).toBe(oldId);
    expect(result.fields).toBe(2500 * 5 + 2); // name, kana, phone, number, address; the complaint's number and description
    expect(storedKeyIds(dbPath)).toEqual([result.newKeyId]);
    const file = readKeyFile(keyFile);
    expect(file.current.id).toBe(result.newKeyId);
    expect(file.keys.map((k) => k.id)).toEqual([oldId, result.newKeyId]);

    const found = await db.read.workOrder.findMany({ where: { customerNumber: '7700001234' } });
    expect(found.map((o) => [o.orderNo, o.phone])).toEqual([['K-1234', '076-111-1234']]);
    expect((await db.read.complaint.findFirstOrThrow({ where: { customerNumber: '7700000007' } })).customerNumber).toBe('7700000007');

    const status = await keyStatus(db);
    expect(status.keys).toEqual([
      { id: oldId, createdAt: null, current: false, fields: 0 },
      { id: result.newKeyId, createdAt: '2026-11-25T00:00:00.000Z', current: true, fields: 2500 * 5 + 2 },
    ]);
    await expect(retireKey(db!, result.newKeyId, { backupsUsingKey: [], force: false })).rejects.toThrow(/現在の鍵/);
    await expect(retireKey(db!, oldId, { backupsUsingKey: ['b1.db.enc', 'b2.db.enc'], force: false })).rejects.toThrow(/バックアップが 2 件あります: b1.db.enc、b2.db.enc。/);
    expect(await retireKey(db, oldId, { backupsUsingKey: [], force: false })).toBe(true);
    expect(readKeyFile(keyFile).keys.map((k) => k.id)).toEqual([result.newKeyId]);

    // Another process still on the old file: it reads the rotated values after reloading the file.
    const other = await openDatabase(url, { cipher: new FieldCipher({ ...testKeyring('old'), source: { kind: 'file', path: keyFile } }) });
    try {
      expect((await other.read.workOrder.findFirstOrThrow({ where: { orderNo: 'K-7' } })).customerName).toBe('試験 7');
    } finally {
      await other.close();
    }
  });

  it('refuses to retire a key that values still use, and encrypts leftover plaintext', async () => {
    const { url, dbPath } = fresh();
    const keyFile = join(dir, 'keys.json');
    writeKeyFile(keyFile, testKeyring('a', 'b'));
    db = await openDatabase(url, { cipher: new FieldCipher(readKeyFile(keyFile)) });
    await addOrders(db, 3);
    const raw = new BetterSqlite3(dbPath);
    raw.prepare(`UPDATE "WorkOrder" SET "customerName" = '平文 のこり' WHERE "orderNo" = 'K-0'`).run();
    raw.close();
    expect((await keyStatus(db)).plaintext).toBe(1);
    await expect(retireKey(db!, testKey('a').id, { backupsUsingKey: [], force: false })).rejects.toThrow(/現在の鍵/);
    const rotated = await rotateKeys(db, new Date());
    expect((await keyStatus(db)).plaintext).toBe(0);
    expect((await db.read.workOrder.findUniqueOrThrow({ where: { orderNo: 'K-0' } })).customerName).toBe('平文 のこり');
    expect(await retireKey(db, testKey('b').id, { backupsUsingKey: [], force: false })).toBe(true);
    expect((await keyStatus(db)).keys.map((k) => k.id)).toEqual([testKey('a').id, rotated.newKeyId]);
  });
});
