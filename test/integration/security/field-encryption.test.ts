import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { isAppError } from '../../../src/errors.ts';
import { encryptedTempDatabase, testCipher } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';
import { timestamp, type Database } from '../../../src/adapters/db/database.ts';

const PERSONAL = { customerNumber: '9900112233', customerName: '試験 花子', customerNameKana: 'シケン ハナコ', phone: '076-000-1234' };

function order(orderNo: string, extra: Record<string, unknown> = {}) {
  return { orderNo, kind: 'open', scheduledDate: '2026-03-27', address: '金沢市試験町1-1', town: '試験町', contentHash: 'h', ...PERSONAL, ...extra };
}

/** The values as stored, around the Prisma extension. */
const rawRows = (db: Database, sql: string): Promise<Record<string, unknown>[]> => db.statements((plain) => plain.all(sql));
const rawRun = (db: Database, sql: string, ...params: unknown[]) => db.statements((plain) => plain.run(sql, ...params));

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe(`personal fields at rest on ${TEST_DIALECT}`, () => {
  it('stores ciphertext and reads plaintext, inside db.write transactions too', async () => {
    temp = await encryptedTempDatabase();
    const { db } = temp;
    await db.write(async (tx) => {
      await tx.workOrder.create({ data: order('A-1') });
      await tx.workOrder.createMany({ data: [order('A-2', { phone: '076-000-9999' }), order('A-3', { customerName: null })] });
      await tx.workOrder.upsert({ where: { orderNo: 'A-4' }, create: order('A-4'), update: {} });
      await tx.workOrder.update({ where: { orderNo: 'A-1' }, data: { customerNameKana: { set: 'カワッタ' } } });
    });
    const stored = await rawRows(db, 'SELECT * FROM "WorkOrder" ORDER BY "orderNo"');
    for (const row of stored) {
      for (const field of ['customerNumber', 'customerNameKana', 'phone']) expect(String(row[field])).toMatch(/^enc:v1:[0-9a-f]{10}:/);
      expect(row.customerNumberIndex).toMatch(/^[\w-]{43}$/);
    }
    expect(stored.find((r) => r.orderNo === 'A-3')?.customerName).toBeNull();
    if (db.file) {
      const bytes = readFileSync(db.file).toString('utf8') + readFileSync(`${db.file}-wal`).toString('utf8');
      for (const value of [...Object.values(PERSONAL), '076-000-9999', 'カワッタ']) expect(bytes).not.toContain(value);
    }

    const read = await db.read.workOrder.findMany({ orderBy: { orderNo: 'asc' } });
    expect(read.map((r) => r.phone)).toEqual([PERSONAL.phone, '076-000-9999', PERSONAL.phone, PERSONAL.phone]);
    expect(read[0]?.customerNameKana).toBe('カワッタ');
    expect(read[0]).not.toHaveProperty('customerNumberIndex');
    const inTx = await db.write((tx) => tx.workOrder.findUniqueOrThrow({ where: { orderNo: 'A-2' } }));
    expect(inTx.customerName).toBe(PERSONAL.customerName);
  });

  it('encrypts free text people type (handover notes, doubts, reasons), and reads rows stored before as plaintext', async () => {
    temp = await encryptedTempDatabase();
    const { db } = temp;
    const person = { id: 'p1', name: '試験', affiliation: 'contractor' };
    await db.write((tx) => tx.person.create({ data: person }));
    await rawRun(db, `INSERT INTO "HandoverNote" ("date", "personId", "text", "createdAt") VALUES ('2026-03-26', 'p1', '旧 090-1111-2222', ?)`, timestamp(new Date(0)));
    await db.write(async (tx) => {
      await tx.handoverNote.create({ data: { date: '2026-03-27', personId: 'p1', text: '新 090-3333-4444' } });
      await tx.doubt.create({ data: { raisedById: 'p1', text: '疑義 090-5555-6666', chainSnapshot: '[]' } });
    });
    const stored = await rawRows(db, 'SELECT "date", "text" FROM "HandoverNote" ORDER BY "date"');
    expect(stored[0]?.text).toBe('旧 090-1111-2222');
    expect(String(stored[1]?.text)).toMatch(/^enc:v1:/);
    expect(String((await rawRows(db, 'SELECT "text" FROM "Doubt"'))[0]?.text)).toMatch(/^enc:v1:/);
    const read = await db.read.handoverNote.findMany({ orderBy: { date: 'asc' } });
    expect(read.map((n) => n.text)).toEqual(['旧 090-1111-2222', '新 090-3333-4444']);
  });

  it('finds orders by customer number through the blind index, and refuses other filters', async () => {
    temp = await encryptedTempDatabase();
    const { db } = temp;
    await db.write((tx) => tx.workOrder.createMany({ data: [order('B-1'), order('B-2', { customerNumber: '1234567890' })] }));
    const found = await db.read.workOrder.findMany({ where: { customerNumber: '1234567890' } });
    expect(found.map((o) => o.orderNo)).toEqual(['B-2']);
    expect(await db.read.workOrder.count({ where: { OR: [{ customerNumber: { equals: PERSONAL.customerNumber } }] } })).toBe(1);
    expect(await db.read.workOrder.count({ where: { customerNumber: { in: ['1234567890', PERSONAL.customerNumber] } } })).toBe(2);
    expect(await db.read.workOrder.count({ where: { customerName: { not: null } } })).toBe(2);
    await expect(db.read.workOrder.findMany({ where: { customerName: { contains: '花子' } } })).rejects.toThrow(/完全一致以外/);
    await expect(db.read.workOrder.findMany({ orderBy: { phone: 'asc' } })).rejects.toThrow(/並べ替え/);
  });

  it('decrypts nested includes, the fluent API, complaints and inbound events', async () => {
    temp = await encryptedTempDatabase();
    const { db } = temp;
    await db.write(async (tx) => {
      const wo = await tx.workOrder.create({ data: order('C-1') });
      await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '作業 一郎' } });
      await tx.assignment.create({ data: { workOrderId: wo.id, personId: 'w01', date: '2026-03-27', visitOrder: 1 } });
      await tx.complaint.create({ data: { kind: 'noWater', via: 'webhook', receivedAt: new Date(), customerNumber: '5550001111', description: '水が出ない' } });
      await tx.inboundEvent.create({ data: { platform: 'console', eventKey: 'e1', payload: '{"text":"076-000-1234 に電話"}' } });
    });
    const withOrder = await db.read.assignment.findFirstOrThrow({ include: { workOrder: true } });
    expect(withOrder.workOrder.customerName).toBe(PERSONAL.customerName);
    const fluent = await db.read.assignment.findFirstOrThrow().workOrder();
    expect(fluent.phone).toBe(PERSONAL.phone);
    expect((await db.read.complaint.findFirstOrThrow({ where: { customerNumber: '5550001111' } })).customerNumber).toBe('5550001111');
    expect((await db.read.inboundEvent.findFirstOrThrow()).payload).toContain('076-000-1234');
    const raw = (await rawRows(db, 'SELECT c."customerNumber" AS c, e."payload" AS p FROM "Complaint" c, "InboundEvent" e'))[0]!;
    expect(String(raw.c)).toMatch(/^enc:v1:/);
    expect(String(raw.p)).toMatch(/^enc:v1:/);
  });

  // The inbox's statements are still SQLite's own (inbox-store.ts): on PostgreSQL once they are not.
  it.skipIf(TEST_DIALECT === 'postgres')('encrypts inbound events stored by the inbox with its single raw statement', async () => {
    temp = await encryptedTempDatabase();
    const inbox = createInboxStore(temp.db);
    const envelope = { platform: 'slack' as const, eventKey: 'Ev1', userRef: 'U1', receivedAt: new Date('2026-03-27T00:00:00Z'), payload: { type: 'text' as const, text: '使用者 試験花子 090-0000-7777' } };
    expect(await inbox.store(envelope)).toMatchObject({ duplicate: false });
    expect(await inbox.store(envelope)).toMatchObject({ duplicate: true });
    expect(String((await rawRows(temp.db, 'SELECT "payload" FROM "InboundEvent"'))[0]?.payload)).toMatch(/^enc:v1:/);
    expect((await inbox.unfinished()).map((u) => u.envelope)).toEqual([envelope]);
  });

  it('a wrong key or an altered value is a clear error, never garbage', async () => {
    temp = await encryptedTempDatabase(testCipher('right'));
    await temp.db.write((tx) => tx.workOrder.create({ data: order('D-1') }));
    const wrong = await openDatabase(temp.url, { cipher: testCipher('wrong') });
    try {
      const error = await wrong.read.workOrder.findFirst().catch((e: unknown) => e);
      expect(isAppError(error)).toBe(true);
      expect((error as Error).message).toMatch(/暗号鍵 [0-9a-f]{10} がありません/);
    } finally {
      await wrong.close();
    }
    const value = String((await rawRows(temp.db, 'SELECT "phone" FROM "WorkOrder"'))[0]!.phone);
    const altered = value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await rawRun(temp.db, 'UPDATE "WorkOrder" SET "phone" = ?', altered);
    await expect(temp.db.read.workOrder.findFirst()).rejects.toThrow(/復号できません/);
  });

  it('reads plaintext written before encryption was on', async () => {
    temp = await encryptedTempDatabase();
    await rawRun(temp.db, `INSERT INTO "WorkOrder" ("orderNo","kind","scheduledDate","address","town","contentHash","customerName","updatedAt")
      VALUES ('E-1','open','2026-03-27','a','t','h','平文 太郎', '2026-03-27T00:00:00.000+00:00')`);
    expect((await temp.db.read.workOrder.findFirstOrThrow()).customerName).toBe('平文 太郎');
  });
});
