import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { auditPersonalDataDisplay } from '../../../src/application/audit/personal-data-display.ts';
import { register } from '../../../src/cli/commands/audit.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { addAdmin, asOperator } from '../../support/operator.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function seed(t: TempDatabase): Promise<void> {
  await t.db.write(async (tx) => {
    await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '作業 一郎', isAdmin: true } });
    await tx.auditLog.createMany({
      data: [
        { at: new Date('2026-03-26T14:59:59Z'), actorId: 'w01', channel: 'slack', action: 'result.recorded', entity: 'TaskResult', entityId: '1' },
        { at: new Date('2026-03-26T15:00:00Z'), actorId: 'w01', channel: 'slack', action: 'result.recorded', entity: 'TaskResult', entityId: '2', after: '{"reading":1,"note":"a, \\"b\\""}' },
        { at: new Date('2026-03-27T14:59:59Z'), actorId: null, channel: 'system', action: 'timer.fired', entity: 'DurableTimer', entityId: '9' },
        { at: new Date('2026-03-27T15:00:00Z'), actorId: 'w01', channel: 'teams', action: 'doubt.raised', entity: 'Doubt', entityId: '3' },
      ],
    });
  });
}

describe('audit trail', () => {
  it('is append-only: no update, no delete, except through the purge gate for older rows', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    const { db } = temp;
    await expect(db.write((tx) => tx.auditLog.updateMany({ data: { action: 'changed' } }))).rejects.toThrow();
    await expect(db.write((tx) => tx.auditLog.deleteMany({}))).rejects.toThrow();
    await expect(db.write((tx) => tx.$executeRawUnsafe('DELETE FROM "AuditLog"'))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.$executeRawUnsafe('UPDATE "AuditLog" SET "actorId" = NULL'))).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.$executeRawUnsafe('DELETE FROM "AuditPurgeGate"'))).rejects.toThrow(/cannot be deleted/);
    expect(await db.read.auditLog.count()).toBe(4);

    const cut = '2026-03-27T00:00:00.000+00:00';
    const deleted = await db.write(async (tx) => {
      await tx.$executeRawUnsafe('UPDATE "AuditPurgeGate" SET "before" = ? WHERE "id" = 1', cut);
      await expect(tx.$executeRawUnsafe('DELETE FROM "AuditLog" WHERE "entityId" = ?', '9')).rejects.toThrow(/append-only/);
      const n = await tx.$executeRawUnsafe('DELETE FROM "AuditLog" WHERE "at" < ?', cut);
      await tx.$executeRawUnsafe('UPDATE "AuditPurgeGate" SET "before" = NULL WHERE "id" = 1');
      return n;
    });
    expect(deleted).toBe(2);
    expect((await db.read.auditLog.findMany({ orderBy: { at: 'asc' } })).map((r) => r.entityId)).toEqual(['9', '3']);
    await expect(db.write((tx) => tx.$executeRawUnsafe('DELETE FROM "AuditLog"'))).rejects.toThrow(/append-only/);
  });

  it('lists a period of Tokyo days, by user, as text or CSV with BOM, and records the review', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    const ctx = await asOperator(testContext(temp.db, new VirtualClock('2026-03-28T01:00:00Z')));
    const day = await runCommand(register, ['audit', '--from', '2026-03-27', '--to', '2026-03-27', '--by', 'w01'], ctx);
    expect(day.code).toBe(0);
    expect(day.out.split('\n')).toEqual([
      '監査ログ 2026-03-27 〜 2026-03-27: 2 件',
      '2026-03-27 00:00:00  w01 作業 一郎  slack  result.recorded  TaskResult 2',
      '2026-03-27 23:59:59  (システム)  system  timer.fired  DurableTimer 9',
      '',
    ]);
    const review = await temp.db.read.auditLog.findFirstOrThrow({ where: { action: 'audit.reviewed' } });
    expect(review).toMatchObject({ actorId: 'w01', channel: 'cli', entity: 'AuditLog' });
    expect(JSON.parse(review.after ?? '')).toEqual({ from: '2026-03-27', to: '2026-03-27', actorId: null, count: 2 });

    const csv = await runCommand(register, ['audit', '--from', '2026-03-26', '--to', '2026-03-28', '--user', 'w01', '--csv'], ctx);
    expect(csv.out.startsWith('\uFEFF日時,利用者ID,利用者名,経路,操作,対象,対象ID,変更前,変更後\r\n')).toBe(true);
    const lines = csv.out.trimEnd().split('\r\n');
    // header, 3 seeded rows of w01, then w01's own access to the audit, review, and access again
    expect(lines).toHaveLength(7);
    expect(lines[4]).toMatch(/^2026-03-28 10:00:00,w01,作業 一郎,cli,operator\.allowed,Command,reviewAudit,/);
    expect(lines[5]).toMatch(/^2026-03-28 10:00:00,w01,作業 一郎,cli,audit\.reviewed,AuditLog,/);
    expect(lines[2]).toBe('2026-03-27 00:00:00,w01,作業 一郎,slack,result.recorded,TaskResult,2,,"{""reading"":1,""note"":""a, \\""b\\""""}"');
  });

  it('refuses a bad period, and records personal-data display without values', async () => {
    temp = await encryptedTempDatabase();
    const ctx = await asOperator(testContext(temp.db, new VirtualClock('2026-03-28T01:00:00Z')), await addAdmin(temp.db));
    expect((await runCommand(register, ['audit', '--from', '2026-03-28', '--to', '2026-03-27'], ctx)).err).toMatch(/以前の日付/);
    expect((await runCommand(register, ['audit', '--from', '2026/03/28', '--to', '2026-03-28'], ctx)).code).toBe(1);
    expect((await runCommand(register, ['audit', '--to', '2026-03-28'], ctx)).code).toBe(2);
    await temp.db.write((tx) =>
      auditPersonalDataDisplay(tx, { actorId: 's01', channel: 'cli', entity: 'Person', entityId: 'staff:list', fields: ['name', 'phone'], count: 12 }),
    );
    const row = await temp.db.read.auditLog.findFirstOrThrow({ where: { action: 'personalData.displayed' } });
    expect(row).toMatchObject({ actorId: 's01', entity: 'Person', entityId: 'staff:list', after: '{"fields":["name","phone"],"count":12}' });
  });
});
