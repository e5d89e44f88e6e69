import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import type { Tx } from '../../../src/adapters/db/database.ts';
import { register } from '../../../src/cli/commands/purge.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { addAdmin, asOperator } from '../../support/operator.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

const MARKER = 'MARKER-消去確認-0001';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

/** One work day's worth of records on `date` (Tokyo), tagged with `tag`. */
async function day(tx: Tx, date: string, tag: string): Promise<void> {
  const at = new Date(`${date}T10:00:00+09:00`);
  const order = await tx.workOrder.create({
    data: { orderNo: `${tag}-1`, kind: 'close', scheduledDate: date, address: `金沢市${tag}町1`, town: tag === 'old' ? MARKER : `${tag}町`, // the address is encrypted, the town is not
      contentHash: 'h', customerName: `${tag} 様`, phone: '076-000-0000' },
  });
  await tx.assignment.create({ data: { workOrderId: order.id, personId: 'w01', date, visitOrder: 1 } });
  const result = await tx.taskResult.create({ data: { workOrderId: order.id, personId: 'w01', outcome: 'done', channel: 'console', recordedAt: at } });
  await tx.meterMovement.create({ data: { resultId: result.id, date, kind: 'remove', diameterMm: 13 } });
  await tx.attachment.create({ data: { resultId: result.id, platform: 'slack', fileRef: `F-${tag}` } });
  await tx.handoverNote.create({ data: { date, personId: 'w01', text: tag === 'old' ? MARKER : '新しい伝達' } });
  const doubt = await tx.doubt.create({ data: { raisedById: 'w01', text: `${tag} 疑義`, chainSnapshot: '[]', raisedAt: at } });
  await tx.caseEvent.create({ data: { caseType: 'doubt', caseId: doubt.id, at, action: 'raised' } });
  const complaint = await tx.complaint.create({ data: { kind: 'noWater', via: 'cli', receivedAt: at, customerNumber: '1234567', description: `${tag} 苦情` } });
  await tx.page.create({ data: { complaintId: complaint.id, personId: 'w01', round: 1, position: 1, sentAt: at } });
  await tx.inboundEvent.create({ data: { platform: 'console', eventKey: tag, payload: '{}', receivedAt: at } });
  await tx.dailyStaffing.create({ data: { date, personId: 'w01' } });
  await tx.report.create({ data: { kind: 'staffing', period: date, content: '{}' } });
  await tx.auditLog.create({ data: { at, actorId: 'w01', channel: 'console', action: 'result.recorded', entity: 'TaskResult', entityId: String(result.id) } });
}

async function seed(t: TempDatabase): Promise<void> {
  await t.db.write(async (tx) => {
    await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '作業 一郎', isAdmin: true } });
    await tx.person.create({ data: { id: 'w09', affiliation: 'contractor', name: '退職 九郎', phone: '090-0000-0009', active: false, deactivatedAt: new Date('2026-01-05T00:00:00Z') } });
    await tx.chatIdentity.create({ data: { platform: 'slack', externalId: 'U09', personId: 'w09' } });
    await day(tx, '2026-01-10', 'old');
    await day(tx, '2026-03-27', 'new');
    await tx.report.create({ data: { kind: 'monthly', period: '2026-01', content: '{}' } });
    await tx.report.create({ data: { kind: 'monthly', period: '2026-02', content: '{}' } });
  });
}

function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)));
}

/**
 * The SQLite file's bytes after a purge (secure_delete, VACUUM, checkpoint). SQLite only: PostgreSQL keeps no file
 * of ours to read, and does not overwrite deleted rows at once (its disposal record says so instead).
 */
function onTheFile(t: TempDatabase): Buffer | undefined {
  return TEST_DIALECT === 'sqlite' ? fileBytes(sqliteOnly(t.db, 'この処理').path) : undefined;
}

describe('purge', () => {
  it('dry run counts exactly what a purge removes, and changes nothing', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    const ctx = await asOperator(testContext(temp.db, new VirtualClock('2026-03-28T00:00:00Z')));
    const dry = await runCommand(register, ['purge', '--before', '2026-02-01', '--dry-run', '--json'], ctx);
    expect(dry.err).toBe("");
    expect(dry.code).toBe(0);
    const counts = JSON.parse(dry.out).counts as Record<string, number>;
    expect(counts).toMatchObject({
      WorkOrder: 1, Assignment: 1, TaskResult: 1, MeterMovement: 1, Attachment: 1, HandoverNote: 1, Doubt: 1, CaseEvent: 1,
      Complaint: 1, Page: 1, InboundEvent: 1, DailyStaffing: 1, Report: 2, AuditLog: 1, Person: 1, ChatIdentity: 1,
    });
    expect(await temp.db.read.workOrder.count()).toBe(2);
    expect(await temp.db.read.auditLog.count({ where: { NOT: { action: { startsWith: 'operator.' } } } })).toBe(2);

    const out = join(temp.dir, 'disposal');
    const done = await runCommand(register, ['purge', '--before', '2026-02-01', '--out', out, '--by', 'w01', '--json'], ctx);
    expect(done.code, done.err).toBe(0);
    expect(JSON.parse(done.out).counts).toEqual(counts);
  });

  it('removes what is older, keeps the rest, overwrites the bytes (SQLite) and keeps a disposal record', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    if (TEST_DIALECT === 'sqlite') expect(onTheFile(temp)!.includes(Buffer.from(MARKER))).toBe(true);
    const ctx = await asOperator(testContext(temp.db, new VirtualClock('2026-03-28T00:00:00Z')));
    const out = join(temp.dir, 'disposal');
    const run = await runCommand(register, ['purge', '--before', '2026-03-01', '--out', out, '--by', 'w01'], ctx);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^2026-03-01 より前のデータ \d+ 件を消去しました \(消去記録 Report #\d+\)\n/);
    expect(run.out).toContain('  作業データ (WorkOrder): 1 件');

    const db = temp.db.read;
    expect((await db.workOrder.findMany()).map((o) => [o.orderNo, o.customerName])).toEqual([['new-1', 'new 様']]);
    expect(await db.taskResult.count()).toBe(1);
    expect((await db.report.findMany({ orderBy: { id: 'asc' } })).map((r) => `${r.kind}:${r.period.slice(0, 10)}`)).toEqual(['staffing:2026-03-27', 'disposal:2026-03-28']);
    expect(await db.person.count()).toBe(1);
    expect(await db.caseEvent.count()).toBe(1);
    expect((await db.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action)).toEqual(['result.recorded', 'operator.allowed', 'retention.purged']);
    expect((await db.auditPurgeGate.findUniqueOrThrow({ where: { id: 1 } })).before).toBeNull();

    const bytes = onTheFile(temp);
    if (bytes) {
      expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
      expect(bytes.includes(Buffer.from('退職 九郎'))).toBe(false);
      expect(bytes.includes(Buffer.from('new町'))).toBe(true); // the kept order's town (its address is encrypted)
      expect(bytes.includes(Buffer.from('新しい伝達'))).toBe(false); // handover notes are encrypted at rest
    }

    const record = await db.report.findFirstOrThrow({ where: { kind: 'disposal' } });
    const content = JSON.parse(record.content);
    expect(content).toMatchObject({ before: '2026-03-01', operator: '作業 一郎 (w01)', actorId: 'w01', database: temp.db.location, atTokyo: '2026-03-28 09:00:00' });
    expect(content.counts.WorkOrder).toBe(1);
    // What the record claims about the deleted bytes is what the server does.
    if (TEST_DIALECT === 'sqlite') expect(content.method).toContain('ゼロで上書き');
    else expect(content.method).toMatch(/VACUUM.*上書きしない.*WAL/);
    expect(Buffer.from(record.pdf ?? []).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = readFileSync(join(out, 'disposal-20260328090000.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF個人情報等の消去・廃棄記録\r\n消去日時,令和8年3月28日 09:00:00\r\n担当者,作業 一郎 (w01)\r\n')).toBe(true);
    expect(csv).toContain('\r\n作業データ,WorkOrder,1,');
    expect(readFileSync(join(out, 'disposal-20260328090000.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a cut-off after tomorrow and a malformed date', async () => {
    temp = await encryptedTempDatabase();
    const ctx = await asOperator(testContext(temp.db, new VirtualClock('2026-03-28T00:00:00Z')), await addAdmin(temp.db));
    expect((await runCommand(register, ['purge', '--before', '2026-03-30', '--dry-run'], ctx)).err).toMatch(/2026-03-29 より後にはできません/);
    expect((await runCommand(register, ['purge', '--before', '2026-3-1', '--dry-run'], ctx)).err).toMatch(/YYYY-MM-DD/);
  });
});
