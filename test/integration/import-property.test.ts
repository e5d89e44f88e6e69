import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';
import { failInserts, stopFailingInserts } from '../support/db-faults.ts';
import { createWorkOrderImportStore } from '../../src/adapters/db/work-order-store.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { KANAZAWA_MAPPING } from '../../src/adapters/csv/column-mapping.ts';
import { readWorkOrderFile } from '../../src/adapters/csv/work-order-file.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';
import { ErrorCode, isAppError } from '../../src/errors.ts';

let t: TempDatabase;
let fileNo = 0;
beforeAll(async () => {
  t = await tempDatabase();
});
afterAll(async () => {
  await t.dispose();
});

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const READ_ERRORS = new Set([ErrorCode.EncodingUnknown, ErrorCode.InvalidInput, ErrorCode.ColumnMissing]);
const HEADERS = Object.values(KANAZAWA_MAPPING.columns);

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Values each column accepts; a generated row takes one of each, then maybe spoils a few cells. */
const GOOD: Record<string, string[]> = {
  作業番号: ['P-1', 'P-2', 'P-3', 'P-4', 'Ｐ－５'],
  作業種別: ['開栓', '閉栓', '名変', 'その他'],
  作業予定日: ['2026-03-27', '2026/3/1', '2028-02-29'],
  住所: ['石川県金沢市寺町1丁目1-1', '石川県金沢市鞍月5丁目28-5'],
  口径: ['13', '20', 'φ40', ''],
  前回指針: ['0', '１１８６', '12,345', ''],
  前回使用量: ['0', '52', ''],
  メーター作業: ['', '取付', '引上'],
  緯度: ['36.5', '-36.587925'],
  経度: ['136.6', '136.646408'],
  使用者名: ['髙橋 美咲', '山﨑 太郎', '試験, "引用"\n2行目', ''],
};
const goodCell = (header: string) => fc.constantFrom(...(GOOD[header] ?? ['', 'x1', '090-0000-0000']));
const junk = fc.oneof(
  fc.constantFrom('', ' ', '１２', '-1', '50', '"', ',', '\n', '\u0007', '2026-02-30'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const rowArb = fc
  .tuple(fc.tuple(...HEADERS.map(goodCell)), fc.array(fc.tuple(fc.nat(HEADERS.length - 1), junk), { maxLength: 3 }))
  .map(([cells, edits]) => {
    const row = [...cells];
    for (const [i, value] of edits) row[i] = value;
    return row;
  });

async function importBytes(bytes: Uint8Array) {
  const path = join(t.dir, `p${++fileNo}.csv`);
  writeFileSync(path, bytes);
  let source;
  try {
    source = readWorkOrderFile(path);
  } catch (e) {
    if (isAppError(e) && READ_ERRORS.has(e.code)) return undefined; // the file was refused as a whole
    throw e;
  }
  const deps = { store: createWorkOrderImportStore(t.db), hash: sha256Hex, clock: new VirtualClock('2026-03-27T00:00:00Z'), logger: silent };
  const before = await t.db.read.workOrder.count();
  const result = await importWorkOrders(deps, { source, dryRun: false, actor: { actorId: null, channel: 'cli' } });
  const settled = result.imported + result.updated + result.unchanged + result.rejected.length;
  expect(settled).toBe(source.rows.length);
  expect(await t.db.read.workOrder.count()).toBe(before + result.imported);
  return result;
}

describe('import properties', () => {
  it('never crashes on arbitrary bytes: a result or a clear refusal', async () => {
    const header = new TextEncoder().encode(`${HEADERS.join(',')}\r\n`);
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }).map((b) => new Uint8Array([...header, ...b])));
    await fc.assert(fc.asyncProperty(bytes, async (b) => void (await importBytes(b))), { numRuns: 150 });
  });

  it('never crashes on arbitrary rows, and re-importing them changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { maxLength: 8 }), fc.boolean(), async (rows, bom) => {
        const text = [HEADERS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n');
        const bytes = new TextEncoder().encode(bom ? `\uFEFF${text}` : text);
        const first = await importBytes(bytes);
        const again = await importBytes(bytes);
        if (!first || !again) return;
        expect(again).toMatchObject({ imported: 0, updated: 0, conflicts: 0, unchanged: first.imported + first.updated + first.unchanged });
        expect(again.rejected).toEqual(first.rejected);
      }),
      { numRuns: 80 },
    );
  });

  it('writes nothing when the transaction fails, wherever it fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 }), async (count, failAt) => {
        const prefix = `F${++fileNo}-`;
        const lines = Array.from({ length: count }, (_, i) => `${prefix}${i},開栓,2026-03-27,,,,石川県金沢市寺町1丁目1-${i},,,,20,1,1,,,,,`);
        const failing = `${prefix}${Math.min(failAt, count - 1)}`;
        await failInserts(t, { name: 'fail_one', table: 'WorkOrder', when: `NEW."orderNo" = '${failing}'`, message: 'boom' });
        const orders = await t.db.read.workOrder.count();
        const audits = await t.db.read.auditLog.count();
        try {
          await expect(importBytes(new TextEncoder().encode([HEADERS.join(','), ...lines].join('\n')))).rejects.toMatchObject({ code: ErrorCode.Internal });
        } finally {
          await stopFailingInserts(t, { name: 'fail_one', table: 'WorkOrder' });
        }
        expect(await t.db.read.workOrder.count()).toBe(orders);
        expect(await t.db.read.auditLog.count()).toBe(audits);
      }),
      { numRuns: 25 },
    );
  });
});
