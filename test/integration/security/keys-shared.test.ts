import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STORED_COORDINATE_DECIMALS } from '../../../src/domain/work-order/work-order.ts';
import { FieldCipher } from '../../../src/adapters/crypto/field-cipher.ts';
import { readKeyFile, writeKeyFile } from '../../../src/adapters/crypto/keyring.ts';
import { checkKeyringFitsDatabase, developmentKeyFile, loadServerDataKeyring } from '../../../src/adapters/db/data-key-setup.ts';
import type { Database } from '../../../src/adapters/db/database.ts';
import { keyStatus, retireKey, rotateKeys } from '../../../src/adapters/db/key-rotation.ts';
import { verifyAuditChain } from '../../../src/adapters/db/audit-verify.ts';
import { writeAudit } from '../../../src/adapters/db/audit-writer.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { testKey, testKeyring } from '../../support/test-cipher.ts';
import { TEST_DIALECT, tempDatabaseUrl } from '../../support/temp-db.ts';

/**
 * The data keys on either server, and several instances on one database: each opens it with its own cipher
 * (and its own copy of the key file's path), as separate processes would.
 */
let dir = '';
let drop: () => Promise<void> = async () => undefined;
const open: Database[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

async function database(): Promise<{ url: string; keyFile: string }> {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-keys-shared-'));
  const target = await tempDatabaseUrl(dir);
  drop = target.drop;
  const keyFile = join(dir, 'keys.json');
  writeKeyFile(keyFile, testKeyring('old'));
  return { url: target.url, keyFile };
}

async function instance(url: string, keyFile: string): Promise<Database> {
  const db = await openDatabase(url, { cipher: new FieldCipher(readKeyFile(keyFile)) });
  open.push(db);
  return db;
}

async function addOrders(db: Database, from: number, count: number): Promise<void> {
  await db.write((tx) =>
    tx.workOrder.createMany({
      data: Array.from({ length: count }, (_, n) => {
        const i = from + n;
        return {
          orderNo: `K-${i}`, kind: 'close', scheduledDate: '2026-03-27', address: `金沢市試験町${i}`, town: '試験町', contentHash: 'h',
          customerNumber: `77${String(i).padStart(8, '0')}`, customerName: `試験 ${i}`, customerNameKana: 'シケン', phone: `076-111-${String(i).padStart(4, '0')}`,
          latitude: 36.5612345678, longitude: 136.6512345678,
        };
      }),
    }),
  );
}

const phoneKeyIds = async (db: Database): Promise<string[]> =>
  (await db.statements((sql) => sql.all<{ phone: string }>('SELECT "phone" FROM "WorkOrder" ORDER BY "orderNo"'))).map((r) => r.phone.split(':')[2]!);

describe(`data keys on ${TEST_DIALECT}`, () => {
  it('rotates in one go (values, blind indexes, rounded coordinates), reports the keys in use, retires the old key', async () => {
    const { url, keyFile } = await database();
    const db = await instance(url, keyFile);
    await addOrders(db, 0, 30);
    // Written before encryption and rounding were on: plaintext, and a coordinate with all its decimals.
    await db.statements((sql) => sql.run(`UPDATE "WorkOrder" SET "customerName" = '平文 のこり', "latitude" = ? WHERE "orderNo" = 'K-0'`, 36.5612345678));
    const before = await keyStatus(db);
    expect(before.plaintext).toBe(1);
    expect(before.keys).toEqual([{ id: testKey('old').id, createdAt: null, current: true, fields: 30 * 5 - 1 }]);

    const result = await rotateKeys(db, new Date('2026-11-25T00:00:00Z'));
    expect(result.fields).toBe(30 * 5);
    expect(new Set(await phoneKeyIds(db))).toEqual(new Set([result.newKeyId]));
    const status = await keyStatus(db);
    expect(status.plaintext).toBe(0);
    expect(status.keys.map((k) => [k.id, k.current, k.fields])).toEqual([[testKey('old').id, false, 0], [result.newKeyId, true, 150]]);
    expect((await db.read.workOrder.findMany({ where: { customerNumber: '7700000007' } })).map((o) => o.customerName)).toEqual(['試験 7']);
    const order = await db.read.workOrder.findUniqueOrThrow({ where: { orderNo: 'K-0' } });
    expect([order.customerName, order.latitude]).toEqual(['平文 のこり', Number((36.5612345678).toFixed(STORED_COORDINATE_DECIMALS))]);

    await db.write((tx) => writeAudit(tx, new Date(), { actorId: null, channel: 'cli', action: 'keys.rotated', entity: 'DataKey' }));
    expect(await retireKey(db, testKey('old').id, { backupsUsingKey: [], force: false })).toBe(true);
    expect(readKeyFile(keyFile).keys.map((k) => k.id)).toEqual([result.newKeyId]);
    expect((await verifyAuditChain(db, db.auditSealer)).problem).toBeNull();
    await expect(checkKeyringFitsDatabase(testKeyring('other'), db)).rejects.toThrow(/暗号鍵 [0-9a-f]{10} がありません/);
    await checkKeyringFitsDatabase(readKeyFile(keyFile), db);
  });

  it('after `keys rotate` on one instance, another encrypts, indexes and seals with the new key, without a restart', async () => {
    const { url, keyFile } = await database();
    const a = await instance(url, keyFile);
    const b = await instance(url, keyFile);
    await addOrders(a, 0, 3);
    const { newKeyId } = await rotateKeys(a, new Date('2026-11-25T00:00:00Z'));
    expect(b.cipher!.currentKeyId).toBe(testKey('old').id); // b has not written since

    // b's next write: under the new key, and findable through the new blind index by a.
    await addOrders(b, 3, 1);
    expect(b.cipher!.currentKeyId).toBe(newKeyId);
    expect(new Set(await phoneKeyIds(a))).toEqual(new Set([newKeyId]));
    expect((await a.read.workOrder.findMany({ where: { customerNumber: '7700000003' } })).map((o) => o.orderNo)).toEqual(['K-3']);
    expect((await b.read.workOrder.findMany({ where: { customerNumber: '7700000001' } })).map((o) => o.orderNo)).toEqual(['K-1']);
    // Audit rows b writes are sealed with the new key, and the chain verifies from either instance.
    await b.write((tx) => writeAudit(tx, new Date(), { actorId: null, channel: 'cli', action: 'x', entity: 'y' }));
    expect((await b.read.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })).keyId).toBe(newKeyId);
    expect((await verifyAuditChain(a, a.auditSealer)).problem).toBeNull();
  });

  it('an instance whose key source does not have the recorded key refuses to write under its old one', async () => {
    const { url, keyFile } = await database();
    const a = await instance(url, keyFile);
    const elsewhere = join(dir, 'elsewhere.json');
    writeKeyFile(elsewhere, testKeyring('old'));
    const b = await instance(url, elsewhere);
    await rotateKeys(a, new Date('2026-11-25T00:00:00Z'));
    await expect(addOrders(b, 0, 1)).rejects.toThrow(/暗号鍵 [0-9a-f]{10} がありません/);
    writeKeyFile(elsewhere, readKeyFile(keyFile)); // the operator hands the new key file over
    await addOrders(b, 0, 1);
    expect(b.cipher!.currentKeyId).toBe(a.cipher!.currentKeyId);
  });

  it('KAIHEISEN_DATA_KEY changed to a new first key: `keys rotate` re-encrypts under it, whatever an earlier rotation recorded', async () => {
    const { url } = await database();
    const first = await openDatabase(url, { cipher: new FieldCipher(testKeyring('one')) });
    open.push(first);
    await addOrders(first, 0, 2);
    await rotateKeys(first, new Date());
    const changed = await openDatabase(url, { cipher: new FieldCipher(testKeyring('two', 'one')) });
    open.push(changed);
    expect(await rotateKeys(changed, new Date())).toMatchObject({ newKeyId: testKey('two').id, fields: 10 });
    expect(new Set(await phoneKeyIds(changed))).toEqual(new Set([testKey('two').id]));
    // The instance still on the old variable alone cannot write any more: it does not hold the recorded key.
    await expect(addOrders(first, 2, 1)).rejects.toThrow(/暗号鍵 [0-9a-f]{10} がありません/);
  });

  it('PostgreSQL: the demo\'s development key is made once per server database; production must be given one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaiheisen-keys-shared-'));
    const devKeyDir = join(dir, 'config');
    const notices: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const demo = { production: false, notice: (text: string) => void notices.push(text) };
    const url = 'postgres://kaiheisen@db.example:5432/kaiheisen';
    const ring = loadServerDataKeyring({ devKeyDir }, url, logger, demo);
    expect(ring.source).toEqual({ kind: 'file', path: developmentKeyFile(devKeyDir, 'postgres://db.example:5432/kaiheisen') });
    expect(loadServerDataKeyring({ devKeyDir }, url, logger, demo).current.id).toBe(ring.current.id);
    // The same database spelled otherwise (postgresql://, a password, a query option) has the same key.
    for (const same of ['postgresql://kaiheisen@db.example/kaiheisen', 'postgres://kaiheisen:secret@db.example:5432/kaiheisen?connect_timeout=5']) {
      expect(loadServerDataKeyring({ devKeyDir }, same, logger, demo).current.id).toBe(ring.current.id);
    }
    expect(notices).toHaveLength(1);
    expect(() => loadServerDataKeyring({ devKeyDir }, url, logger, { ...demo, production: true })).toThrow();
    expect(loadServerDataKeyring({ devKeyDir, key: testKey().key.toString('base64') }, url, logger, { ...demo, production: true }).current.id).toBe(testKey().id);
  });
});
