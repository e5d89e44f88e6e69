import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { sha256Hex } from '../../../src/adapters/crypto/content-hash.ts';
import { readWorkOrderFile } from '../../../src/adapters/csv/work-order-file.ts';
import { createWorkOrderImportStore } from '../../../src/adapters/db/work-order-store.ts';
import { importWorkOrders } from '../../../src/application/import-work-orders.ts';
import { rotateKeys } from '../../../src/adapters/db/key-rotation.ts';
import { townOf } from '../../../src/domain/work-order/work-order.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import { SAMPLE_CP932, SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

/** The bureau's samples (shared/samples), as kept in the repo: CP932 and UTF-8 with BOM, same rows. */
const SAMPLES = [SAMPLE_CP932, SAMPLE_UTF8_BOM];
const PERSONAL = ['customerNumber', 'customerName', 'customerNameKana', 'phone', 'address'] as const;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)));
}

describe('the bureau samples at rest', () => {
  it('leave no name, kana, phone, customer number or address in the SQLite file, and read back unchanged, also after a rotation', async () => {
    temp = await encryptedTempDatabase();
    const file = readWorkOrderFile(SAMPLE_CP932);
    const deps = { store: createWorkOrderImportStore(temp.db), hash: sha256Hex, clock: new VirtualClock('2026-03-26T00:00:00Z'), logger: silent };
    const first = await importWorkOrders(deps, { source: file, dryRun: false, actor: { actorId: null, channel: 'cli' } });
    expect(first.imported).toBe(file.rows.length);

    const expected = new Map(file.rows.map((r) => [r.values.orderNo, r.values]));
    const values = file.rows.flatMap((r) => PERSONAL.map((f) => r.values[f]).filter((v): v is string => !!v));
    expect(values.length).toBeGreaterThan(100);
    const assertGone = () => {
      const bytes = fileBytes(sqliteOnly(temp!.db, 'この処理').path);
      expect(bytes.includes(Buffer.from(townOf(file.rows[0]!.values.address!), 'utf8'))).toBe(true); // the check sees plaintext
      expect(values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')))).toEqual([]);
    };
    const assertReadable = async () => {
      const orders = await temp!.db.read.workOrder.findMany();
      for (const o of orders) {
        const source = expected.get(o.orderNo)!;
        for (const f of PERSONAL) expect(o[f] ?? '').toBe(source[f] ?? '');
      }
    };
    assertGone();
    await assertReadable();

    for (const sample of SAMPLES) {
      const again = await importWorkOrders(deps, { source: readWorkOrderFile(sample), dryRun: false, actor: { actorId: null, channel: 'cli' } });
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: file.rows.length });
    }
    await rotateKeys(temp.db, new Date('2026-03-26T01:00:00Z'));
    assertGone();
    await assertReadable();
    const afterRotation = await importWorkOrders(deps, { source: file, dryRun: false, actor: { actorId: null, channel: 'cli' } });
    expect(afterRotation).toMatchObject({ imported: 0, updated: 0, unchanged: file.rows.length });
  });
});
