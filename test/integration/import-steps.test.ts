import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { anotherWriterCanStart, failInserts } from '../support/db-faults.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { openWorkOrderFile, readWorkOrderFile } from '../../src/adapters/csv/work-order-file.ts';
import { createWorkOrderImportStore } from '../../src/adapters/db/work-order-store.ts';
import type { StagingOptions } from '../../src/adapters/db/import-staging-store.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';
import type { ImportInput } from '../../src/application/import/ports.ts';
import { ErrorCode } from '../../src/errors.ts';
import { BUREAU_EXPORT_HEADER } from '../support/bureau-export.ts';
import { silentLogger } from '../support/teams-fixtures.ts';

/**
 * A large import is published a few days at a time (src/application/import/publish-import.ts). Here with steps of
 * at most 5 orders and days of 4 orders: one day per step, and a hook between steps that looks at the database
 * the way the bot (another connection) sees it. Synthetic data only.
 */
const HEADER = BUREAU_EXPORT_HEADER;
const DAYS = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07'];
const PER_DAY = 4;
const silent = silentLogger;

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

const orderNo = (day: number, n: number) => `S-${day}-${n}`;

/** Days × PER_DAY orders; `remarks` changes the content of some (an update on re-import). */
function writeFile(name: string, remarks: (day: number, n: number) => string = () => '', days = DAYS.length): string {
  const lines = [HEADER];
  for (let d = 0; d < days; d++) {
    for (let n = 0; n < PER_DAY; n++) {
      lines.push(`${orderNo(d, n)},開栓,${DAYS[d]},09${d}${n}000000,試験 太郎,ｼｹﾝ,石川県金沢市広坂1丁目${d}-${n},中,,,20,100,10,,090-0000-0000,${remarks(d, n)},,`);
    }
  }
  const path = join(t.dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** As with the bot running (a fresh heartbeat): short steps with a pause between (import-alone.test.ts: without). */
const botRunning = async () => new Date();

function importWith(path: string, options: StagingOptions, extra: Partial<ImportInput> = {}) {
  const deps = { store: createWorkOrderImportStore(t.db, { stepRows: 5, lastHeartbeat: botRunning, ...options }), hash: sha256Hex, clock: new VirtualClock('2026-03-31T00:00:00Z'), logger: silent };
  return importWorkOrders(deps, { source: openWorkOrderFile(path), dryRun: false, actor: { actorId: 'c01', channel: 'cli' }, ...extra });
}

/** How many orders each day has, as another connection sees it. */
async function ordersPerDay(): Promise<Map<string, number>> {
  const rows = await t.db.read.workOrder.groupBy({ by: ['scheduledDate'], _count: { _all: true } });
  return new Map(rows.map((r) => [r.scheduledDate, r._count._all]));
}

const orders = () => t.db.read.workOrder.findMany({ orderBy: { id: 'asc' } });
const actions = async () => (await t.db.read.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);

describe('importing in steps', () => {
  it('publishes whole days one short step at a time, the lock free in between, the import entry last', async () => {
    const seen: { days: Map<string, number>; writable: boolean; imported: number }[] = [];
    const result = await importWith(writeFile('year.csv'), {
      pause: async () => {
        const writable = await anotherWriterCanStart(t); // the bot's connection: no waiting allowed
        const imported = await t.db.read.auditLog.count({ where: { action: 'workOrder.import' } });
        seen.push({ days: await ordersPerDay(), writable, imported });
      },
    });
    expect(result).toMatchObject({ imported: DAYS.length * PER_DAY, updated: 0, rejected: [] });
    expect(result.addedOrderNos[0]).toBe(orderNo(0, 0));
    expect(seen).toHaveLength(DAYS.length - 1);
    for (const [i, s] of seen.entries()) {
      expect([...s.days.values()].every((count) => count === PER_DAY)).toBe(true); // never part of a day
      expect(s.days.size).toBe(i + 1);
      expect(s.writable).toBe(true);
      expect(s.imported).toBe(0);
    }
    expect(await actions()).toEqual(['workOrder.import']);
    expect(await importWith(writeFile('again.csv'), { pause: async () => {} })).toMatchObject({ imported: 0, unchanged: DAYS.length * PER_DAY });
  });

  it('stages without a lock and without anything visible: the bot sees nothing until the first step', async () => {
    const store = createWorkOrderImportStore(t.db, { stepRows: 5, pause: async () => {} });
    const open = store.openStaging.bind(store);
    const during: { count: number; writable: boolean }[] = [];
    store.openStaging = async () => {
      const staging = await open();
      const stage = staging.stage.bind(staging);
      staging.stage = async (o) => {
        await stage(o);
        during.push({ count: await t.db.read.workOrder.count(), writable: await anotherWriterCanStart(t) });
      };
      return staging;
    };
    const deps = { store, hash: sha256Hex, clock: new VirtualClock('2026-03-31T00:00:00Z'), logger: silent };
    await importWorkOrders(deps, { source: openWorkOrderFile(writeFile('year.csv')), dryRun: false, actor: { actorId: 'c01', channel: 'cli' } });
    expect(during).toEqual([{ count: 0, writable: true }]);
    expect(await t.db.read.workOrder.count()).toBe(DAYS.length * PER_DAY);
  });

  it('undoes every step when a later one fails: added orders removed, updated ones restored, both audited', async () => {
    await importWith(writeFile('first.csv', () => '', 3), { pause: async () => {} });
    const before = await orders();
    const changed = writeFile('changed.csv', (d, n) => (n === 0 ? `変更 ${d}` : ''));
    await failInserts(t, { name: 'fail_late', table: 'WorkOrder', when: `NEW."orderNo" = '${orderNo(4, 2)}'`, message: 'disk full (test)' });
    await expect(importWith(changed, { pause: async () => {} })).rejects.toMatchObject({ code: ErrorCode.Internal });
    expect(await orders()).toEqual(before);
    const audits = await t.db.read.auditLog.findMany({ where: { action: { not: 'workOrder.import' } }, orderBy: { id: 'asc' } });
    const updates = audits.filter((a) => a.action === 'workOrder.update').map((a) => [a.entityId, JSON.parse(a.after!)]);
    expect(updates).toEqual([
      [orderNo(0, 0), { remarks: '変更 0' }], [orderNo(1, 0), { remarks: '変更 1' }], [orderNo(2, 0), { remarks: '変更 2' }],
      [orderNo(0, 0), { remarks: null }], [orderNo(1, 0), { remarks: null }], [orderNo(2, 0), { remarks: null }], // one step: 3 days of 1
    ]);
    expect(JSON.parse(audits.at(-1)!.after!)).toEqual({ file: 'changed.csv', removed: PER_DAY, restored: 3, kept: 0 });
    expect(audits.at(-1)!.action).toBe('workOrder.importUndone');
    expect(await t.db.read.auditLog.count({ where: { action: 'workOrder.import' } })).toBe(1); // the first import's
  });

  it('undoes what it published when interrupted (Ctrl+C), and says so', async () => {
    const controller = new AbortController();
    let steps = 0;
    const run = importWith(writeFile('year.csv'), { pause: async () => void (++steps === 2 && controller.abort()) }, { signal: controller.signal });
    await expect(run).rejects.toMatchObject({ code: ErrorCode.Conflict, message: '取り込みを中断しました。何も登録・更新していません' });
    expect(await t.db.read.workOrder.count()).toBe(0);
    expect(await actions()).toEqual(['workOrder.importUndone']);
  });

  it('plans a step again when an order changed meanwhile: a result recorded since makes its update a conflict', async () => {
    await importWith(writeFile('first.csv'), { pause: async () => {} });
    await t.db.write((tx) => tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '試験 作業者' } }));
    const late = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: orderNo(3, 1) } });
    const result = await importWith(writeFile('changed.csv', (_, n) => (n === 1 ? '変更' : '')), {
      stepRows: 1, // one changed order a day: one day a step
      pause: async () => {
        if ((await t.db.read.taskResult.count()) > 0) return;
        await t.db.write((tx) => tx.taskResult.create({ data: { workOrderId: late.id, personId: 'w01', outcome: 'done', reading: 120, channel: 'cli' } }));
      },
    });
    expect(result).toMatchObject({ updated: DAYS.length - 1, conflicts: 1 });
    expect(result.rejected).toEqual([{ line: 3 * PER_DAY + 3, reason: expect.stringContaining(orderNo(3, 1)) }]);
    expect((await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: orderNo(3, 1) } })).remarks).toBeNull();
  });

  it('plans a step again when an order changes between its planning and its transaction', async () => {
    await importWith(writeFile('first.csv', () => '', 1), { pause: async () => {} });
    await t.db.write((tx) => tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '試験 作業者' } }));
    const store = createWorkOrderImportStore(t.db, { pause: async () => {} });
    const open = store.openStaging.bind(store);
    store.openStaging = async () => {
      const staging = await open();
      const publish = staging.publish.bind(staging);
      let calls = 0;
      staging.publish = async (fn) => {
        if (calls++ === 0) {
          const order = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: orderNo(0, 2) } });
          await t.db.write((tx) => tx.taskResult.create({ data: { workOrderId: order.id, personId: 'w01', outcome: 'done', channel: 'cli' } }));
        }
        return publish(fn);
      };
      return staging;
    };
    const deps = { store, hash: sha256Hex, clock: new VirtualClock('2026-03-31T00:00:00Z'), logger: silent };
    const source = openWorkOrderFile(writeFile('changed.csv', (d) => (d === 0 ? '変更' : ''), 1));
    const result = await importWorkOrders(deps, { source, dryRun: false, actor: { actorId: null, channel: 'cli' } });
    expect(result).toMatchObject({ updated: PER_DAY - 1, conflicts: 1, updatedOrderNos: [orderNo(0, 0), orderNo(0, 1), orderNo(0, 3)] });
    expect(await t.db.read.auditLog.count({ where: { action: 'workOrder.update' } })).toBe(PER_DAY - 1);
  });

  it('refuses a file that changes while it is read, writing nothing', async () => {
    const path = writeFile('moving.csv');
    const source = openWorkOrderFile(path);
    writeFileSync(path, `${HEADER}\r\n`);
    const deps = { store: createWorkOrderImportStore(t.db), hash: sha256Hex, clock: new VirtualClock('2026-03-31T00:00:00Z'), logger: silent };
    await expect(importWorkOrders(deps, { source, dryRun: false, actor: { actorId: null, channel: 'cli' } })).rejects.toMatchObject({ code: ErrorCode.FileUnreadable });
    expect(await t.db.read.workOrder.count()).toBe(0);
    expect(readWorkOrderFile(path).rows).toEqual([]);
  });
});
