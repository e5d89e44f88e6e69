import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { failingInsertCode, failInserts } from '../support/db-faults.ts';
import { runImport, SAMPLE_CP932, sampleText, writeVariant } from '../support/import-cli.ts';
import { createWorkOrderImportStore } from '../../src/adapters/db/work-order-store.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { readWorkOrderFile } from '../../src/adapters/csv/work-order-file.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
  expect((await runImport(t.url, [SAMPLE_CP932, '--json'])).code).toBe(0);
});
afterEach(async () => {
  await t.dispose();
});

const json = (out: string) => JSON.parse(out) as Record<string, unknown>;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The sample with one cell of some rows replaced: [orderNo, column index, new value]. */
function changedSample(changes: [string, number, string][]): string {
  return sampleText()
    .split('\r\n')
    .map((line) => {
      const cells = line.split(',');
      for (const [orderNo, column, value] of changes) if (cells[0] === orderNo) cells[column] = value;
      return cells.join(',');
    })
    .join('\r\n');
}
const NAME = 4;
const REMARKS = 15;
const USAGE = 12;

async function importThroughUseCase(path: string, dryRun = false) {
  const deps = { store: createWorkOrderImportStore(t.db), hash: sha256Hex, clock: new VirtualClock('2026-03-27T00:00:00Z'), logger: silent };
  return importWorkOrders(deps, { source: readWorkOrderFile(path), dryRun, actor: { actorId: 'w01', channel: 'cli' } });
}

describe('kaiheisen import: importing again', () => {
  it('changes nothing when the same file comes again', async () => {
    const before = await t.db.read.workOrder.findMany({ orderBy: { id: 'asc' } });
    const run = await runImport(t.url, [SAMPLE_CP932, '--json']);
    expect(json(run.out)).toEqual({ imported: 0, updated: 0, unchanged: 40, conflicts: 0, rejected: [], dryRun: false, deferred: expect.any(Array) });
    expect(await t.db.read.workOrder.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await t.db.read.auditLog.count({ where: { entity: { not: 'import' } } })).toBe(0);
  });

  it('updates a changed order and audits the fields that changed, never the customer name', async () => {
    const path = writeVariant(t.dir, 'changed.csv', changedSample([
      ['20260327-0001', REMARKS, '犬あり注意 (2匹)'],
      ['20260327-0002', NAME, '試験 変更'],
    ]) + '20260327-0099,開栓,2026-03-27,,,,石川県金沢市広坂1丁目1-1,中,,,20,0,0,,,,,\r\n');
    const result = await importThroughUseCase(path);
    expect(result).toMatchObject({ imported: 1, updated: 2, unchanged: 38, conflicts: 0, rejected: [] });
    expect(result.addedOrderNos).toEqual(['20260327-0099']);
    expect(result.updatedOrderNos).toEqual(['20260327-0001', '20260327-0002']);
    const first = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: '20260327-0001' } });
    expect(first.remarks).toBe('犬あり注意 (2匹)');
    expect(first.updatedAt.toISOString()).toBe('2026-03-27T00:00:00.000Z');
    const audits = await t.db.read.auditLog.findMany({ where: { action: 'workOrder.update' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.entity, a.entityId, a.actorId, JSON.parse(a.before!), JSON.parse(a.after!)])).toEqual([
      ['WorkOrder', '20260327-0001', 'w01', { remarks: '犬あり注意' }, { remarks: '犬あり注意 (2匹)' }],
      ['WorkOrder', '20260327-0002', 'w01', { customerName: '(changed)' }, { customerName: '(changed)' }],
    ]);
    expect(JSON.stringify(await t.db.read.auditLog.findMany())).not.toMatch(/山﨑|試験 変更/);
    const importRow = await t.db.read.auditLog.findFirstOrThrow({ where: { entity: 'import' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(importRow.after!)).toMatchObject({ imported: 1, updated: 2, unchanged: 38 });
  });

  it('reports a changed order that has a result or is no longer open as a conflict and leaves it', async () => {
    const orders = await t.db.read.workOrder.findMany({ where: { orderNo: { in: ['20260327-0003', '20260327-0004'] } }, orderBy: { orderNo: 'asc' } });
    await t.db.write(async (tx) => {
      await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '試験 作業者' } });
      await tx.taskResult.create({ data: { workOrderId: orders[0]!.id, personId: 'w01', outcome: 'done', reading: 3100, channel: 'cli' } });
      await tx.workOrder.update({ where: { id: orders[1]!.id }, data: { status: 'cancelled' } });
    });
    const path = writeVariant(t.dir, 'late.csv', changedSample([
      ['20260327-0003', USAGE, '99'],
      ['20260327-0004', USAGE, '98'],
      ['20260327-0005', USAGE, '97'],
    ]));
    const run = await runImport(t.url, [path, '--json']);
    expect(run.code).toBe(0);
    expect(json(run.out)).toEqual({
      imported: 0, updated: 1, unchanged: 37, conflicts: 2, dryRun: false, deferred: expect.any(Array),
      rejected: [
        { line: 4, reason: '作業番号 20260327-0003 は作業結果が登録済みのため、変わった内容を反映していません (発注者に確認してください)' },
        { line: 5, reason: '作業番号 20260327-0004 は状態が「取消」のため、変わった内容を反映していません (発注者に確認してください)' },
      ],
    });
    const after = await t.db.read.workOrder.findMany({ where: { orderNo: { in: ['20260327-0003', '20260327-0004'] } }, orderBy: { orderNo: 'asc' } });
    expect(after).toEqual(orders.map((o, i) => (i === 1 ? { ...o, status: 'cancelled', updatedAt: after[1]!.updatedAt } : o)));
    expect(after.map((o) => o.previousUsage)).toEqual([23, 33]);
  });
});

describe('kaiheisen import: nothing half-written', () => {
  it('--dry-run counts what would happen and writes nothing', async () => {
    const path = writeVariant(t.dir, 'dry.csv', changedSample([['20260327-0001', REMARKS, '新しい備考']]));
    const auditsBefore = await t.db.read.auditLog.count();
    const run = await runImport(t.url, [path, '--json', '--dry-run']);
    expect(json(run.out)).toMatchObject({ imported: 0, updated: 1, unchanged: 39, dryRun: true });
    expect((await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: '20260327-0001' } })).remarks).toBe('犬あり注意');
    expect(await t.db.read.auditLog.count()).toBe(auditsBefore);
    const text = await runImport(t.url, [path, '--dry-run']);
    expect(text.out).toMatch(/^\[試行 --dry-run: 何も書き込んでいません\]/);
  });

  it('writes nothing at all when the transaction fails half way, and says so', async () => {
    const path = writeVariant(t.dir, 'half.csv', changedSample([['20260327-0001', REMARKS, '変更']]) + '20260327-0100,開栓,2026-03-27,,,,石川県金沢市広坂1丁目1-1,中,,,20,0,0,,,,,\r\n');
    await failInserts(t, { name: 'fail_late', table: 'AuditLog', message: 'disk full (test)' });
    const before = await t.db.read.workOrder.findMany({ orderBy: { id: 'asc' } });
    const run = await runImport(t.url, [path, '--json']);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(`作業データの書き込みに失敗したため、何も登録・更新していません (${failingInsertCode(t)})`);
    expect(await t.db.read.workOrder.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});
