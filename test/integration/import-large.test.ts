import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { failInserts } from '../support/db-faults.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { openWorkOrderFile } from '../../src/adapters/csv/work-order-file.ts';
import { createWorkOrderImportStore } from '../../src/adapters/db/work-order-store.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';
import type { ImportStaging, WorkOrderImportStore } from '../../src/application/import/ports.ts';
import { ErrorCode } from '../../src/errors.ts';
import { BUREAU_EXPORT_HEADER } from '../support/bureau-export.ts';
import { silentLogger } from '../support/teams-fixtures.ts';

/**
 * A large file (20,000 orders, generated here, CP932 as the bureau writes it) on an encrypted database: read as a
 * stream, checked, encrypted and staged a batch at a time, published in steps; a file that turns out bad near its
 * end, or whose last step fails, leaves the database as it was. Synthetic data only.
 */
const HEADER = BUREAU_EXPORT_HEADER;
const ROWS = 20_000;
const PER_DAY = 400;
const silent = silentLogger;

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

const orderNo = (i: number) => `L-${String(i).padStart(5, '0')}`;

function line(i: number): string {
  const day = `2026-05-${String(1 + Math.floor(i / PER_DAY) % 28).padStart(2, '0')}`;
  const remark = i % 97 === 0 ? '"2階奥,\r\n階段右"' : '';
  return `${orderNo(i)},開栓,${day},09${String(i).padStart(8, '0')},髙橋 ${i},ﾀｶﾊｼ,石川県金沢市山﨑町${i % 50}-${i % 7},中,,,20,100,10,,090-0000-${String(i % 10_000).padStart(4, '0')},${remark},,`;
}

/** The file in CP932; `tail` replaces the bytes of the last rows (a damaged end). */
function writeLargeFile(name: string, tail?: Buffer): string {
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) lines.push(line(i));
  const bytes = iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
  const path = join(t.dir, name);
  writeFileSync(path, tail ? Buffer.concat([bytes, tail]) : bytes);
  return path;
}

/** The store, with the sizes of the batches each import stages recorded. */
function spiedStore(batches: number[]): WorkOrderImportStore {
  const store = createWorkOrderImportStore(t.db, { pause: async () => {} });
  const openStaging = store.openStaging.bind(store);
  store.openStaging = async (): Promise<ImportStaging> => {
    const staging = await openStaging();
    const stage = staging.stage.bind(staging);
    staging.stage = async (orders) => {
      batches.push(orders.length);
      await stage(orders);
    };
    return staging;
  };
  return store;
}

async function importFile(path: string, batches: number[] = []) {
  const deps = { store: spiedStore(batches), hash: sha256Hex, clock: new VirtualClock('2026-04-30T00:00:00Z'), logger: silent };
  return importWorkOrders(deps, { source: openWorkOrderFile(path), dryRun: false, actor: { actorId: null, channel: 'cli' } });
}

const untouched = async () => ({ orders: await t.db.read.workOrder.count(), audits: await t.db.read.auditLog.count() });

describe('a large file', () => {
  it('is staged in batches and published in steps, every order stored encrypted and read back whole', async () => {
    const batches: number[] = [];
    const result = await importFile(writeLargeFile('large.csv'), batches);
    expect(result).toMatchObject({ imported: ROWS, rejected: [] });
    expect(batches.length).toBeGreaterThan(ROWS / 1_000); // never the whole file at once
    expect(Math.max(...batches)).toBeLessThanOrEqual(1_000);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(ROWS);
    expect(await t.db.read.workOrder.count()).toBe(ROWS);
    const stored = await t.db.statements((sql) => sql.get<{ customerName: string }>(`SELECT "customerName" FROM "WorkOrder" WHERE "orderNo" = ?`, orderNo(ROWS - 3)));
    expect(stored!.customerName).toMatch(/^enc:v1:/);
    const last = await t.db.read.workOrder.findUnique({ where: { orderNo: orderNo(19_982) } }); // 19,982 = 97 × 206
    expect(last).toMatchObject({ customerName: '髙橋 19982', address: '石川県金沢市山﨑町32-4', remarks: '2階奥,\r\n階段右' });
  });

  it('in no known encoding near its end writes nothing (the whole file is read before the first write)', async () => {
    const damaged = Buffer.concat([iconv.encode(`${orderNo(ROWS)},開栓,2026-05-28,0900000000,`, 'cp932'), Buffer.from([0x81, 0x20]), Buffer.from(',ｼｹﾝ,x,中,,,20,100,10,,,,,\r\n')]);
    await expect(importFile(writeLargeFile('damaged.csv', damaged))).rejects.toMatchObject({ code: ErrorCode.EncodingUnknown });
    expect(await untouched()).toEqual({ orders: 0, audits: 0 });
  });

  it('whose last order cannot be written leaves the database as it was: the steps before are undone', async () => {
    await failInserts(t, { name: 'fail_last', table: 'WorkOrder', when: `NEW."orderNo" = '${orderNo(ROWS - 1)}'`, message: 'disk full (test)' });
    await expect(importFile(writeLargeFile('large.csv'))).rejects.toMatchObject({ code: ErrorCode.Internal });
    expect(await t.db.read.workOrder.count()).toBe(0);
    const actions = new Set((await t.db.read.auditLog.findMany()).map((a) => a.action));
    expect(actions).toEqual(new Set(['workOrder.importUndone'])); // the undo is audited, nothing else remains
  });
});
