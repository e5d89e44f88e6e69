import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { SAMPLE_CP932, sampleText, writeVariant } from '../support/import-cli.ts';
import { createWorkOrderImportStore } from '../../src/adapters/db/work-order-store.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { readWorkOrderFile } from '../../src/adapters/csv/work-order-file.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function importFile(path: string, dryRun = false) {
  const deps = { store: createWorkOrderImportStore(t.db), hash: sha256Hex, clock: new VirtualClock('2026-03-27T00:00:00Z'), logger: silent };
  return importWorkOrders(deps, { source: readWorkOrderFile(path), dryRun, actor: { actorId: null, channel: 'cli' } });
}

describe('import with personal fields encrypted at rest', () => {
  it('stores name, kana, phone and customer number encrypted, readable through Prisma and found by customer number', async () => {
    expect(await importFile(SAMPLE_CP932)).toMatchObject({ imported: 40 });
    const columns = ['customerNumber', 'customerName', 'customerNameKana', 'phone', 'address', 'customerNumberIndex', 'addressIndex', 'town'];
    // Plain SQL: the stored values, past the decrypting extension.
    const stored = await t.db.statements((sql) => sql.all<Record<string, string>>(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "WorkOrder"`));
    expect(stored).toHaveLength(40);
    for (const row of stored) {
      for (const field of ['customerNumber', 'customerName', 'customerNameKana', 'phone', 'address']) expect(row[field]).toMatch(/^enc:v1:/);
      expect(row.customerNumberIndex).toMatch(/^[\w-]{20,}$/);
      expect(row.addressIndex).toMatch(/^[\w-]{20,}$/);
      expect(row.town).not.toMatch(/^enc:|\d/);
    }
    const found = await t.db.read.workOrder.findMany({ where: { customerNumber: '2357122900' } });
    expect(found.map((o) => [o.orderNo, o.customerName, o.phone])).toEqual([['20260327-0019', '髙橋 美咲', '090-0000-2004']]);
  });

  it('finds an encrypted file unchanged on re-import and audits a changed name without its value', async () => {
    await importFile(SAMPLE_CP932);
    expect(await importFile(SAMPLE_CP932)).toMatchObject({ imported: 0, unchanged: 40, updated: 0 });
    expect(await importFile(SAMPLE_CP932, true)).toMatchObject({ dryRun: true, imported: 0, unchanged: 40 });
    const path = writeVariant(t.dir, 'renamed.csv', sampleText().replace('山﨑 太郎,ﾔﾏｻﾞｷ,石川県金沢市鞍月', '試験 改名,ｼｹﾝ,石川県金沢市鞍月'));
    expect(await importFile(path)).toMatchObject({ updated: 1, updatedOrderNos: ['20260327-0002'] });
    const audit = await t.db.read.auditLog.findFirstOrThrow({ where: { action: 'workOrder.update' } });
    expect(JSON.parse(audit.after!)).toEqual({ customerName: '(changed)', customerNameKana: '(changed)' });
    const order = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: '20260327-0002' } });
    expect([order.customerName, order.customerNameKana]).toEqual(['試験 改名', 'ｼｹﾝ']);
  });
});
