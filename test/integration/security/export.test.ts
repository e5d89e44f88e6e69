import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { HANDOVER_FILES } from '../../../src/application/handover/handover-files.ts';
import { register } from '../../../src/cli/commands/export.ts';
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
    await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '作業 一郎', phone: '090-1111-0001', canSupervise: true, idCardNumber: 'IDCARD-SECRET-1', idCardExpiresOn: '2027-03-31' } });
    await tx.person.create({ data: { id: 'c01', affiliation: 'bureau', name: '局 花子', title: '営業課', phone: '076-220-0000' } });
    await tx.dailyStaffing.createMany({ data: [{ date: '2026-03-26', personId: 'w01' }, { date: '2026-03-28', personId: 'w01', isSupervisor: true }] });
    await tx.afterHoursRosterEntry.createMany({ data: [{ validFrom: '0000-01-01', validTo: '2026-01-31', position: 1, personId: 'c01' }, { validFrom: '2026-02-01', position: 1, personId: 'w01' }] });
    await tx.contactChartLevel.create({ data: { chart: 'doubt', position: 1, target: 'dutySupervisor' } });
    const open = await tx.workOrder.create({ data: { orderNo: 'X-1', kind: 'open', scheduledDate: '2026-03-28', address: '金沢市引継町1', town: '引継町', contentHash: 'h', customerNumber: '4400000001', customerName: '引継 太郎', phone: '076-333-0001' } });
    await tx.assignment.create({ data: { workOrderId: open.id, personId: 'w01', date: '2026-03-28', visitOrder: 2 } });
    const done = await tx.workOrder.create({ data: { orderNo: 'X-2', kind: 'close', scheduledDate: '2026-03-27', address: '金沢市引継町2', town: '引継町', contentHash: 'h', status: 'done', customerName: '済み 次郎' } });
    await tx.taskResult.create({ data: { workOrderId: done.id, personId: 'w01', outcome: 'done', reading: 1234, channel: 'console', recordedAt: new Date('2026-03-27T01:30:00Z') } });
    await tx.doubt.createMany({ data: [{ raisedById: 'w01', text: '未解決の疑義', chainSnapshot: '[]', workOrderId: open.id }, { raisedById: 'w01', text: '解決済み', chainSnapshot: '[]', state: 'resolved' }] });
    await tx.complaint.create({ data: { kind: 'noWater', via: 'webhook', receivedAt: new Date('2026-03-27T12:00:00Z'), customerNumber: '4400000001', description: '水が出ない', workOrderId: open.id } });
  });
}

describe('handover export', () => {
  it('writes documented CSV files with BOM and a Japanese README (--plain), warns, and audits', async () => {
    temp = await encryptedTempDatabase();
    await seed(temp);
    const ctx = await asOperator(testContext(temp.db, new VirtualClock('2026-03-27T23:00:00Z')), await addAdmin(temp.db));
    const out = join(temp.dir, 'handover');
    const run = await runCommand(register, ['export', '--out', out, '--plain'], ctx);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/個人情報/);
    expect(run.out).toContain('  open-work-orders.csv: 1 行');
    expect(readdirSync(out).sort()).toEqual(['README.txt', ...HANDOVER_FILES.map((f) => f.file)].sort());
    expect(statSync(join(out, 'staff.csv')).mode & 0o777).toBe(0o600);

    const read = (name: string) => readFileSync(join(out, name), 'utf8');
    for (const spec of HANDOVER_FILES) expect(read(spec.file).startsWith('\uFEFF')).toBe(true);
    const staff = read('staff.csv');
    expect(staff.split('\r\n')[0]).toBe('\uFEFFID,所属,氏名,氏名カナ,電話番号,役職・所属課,業務責任者可,管理者,管理責任者,有効');
    expect(staff).toContain('w01,contractor,作業 一郎,,090-1111-0001,,1,0,0,1');
    expect(staff).not.toContain('IDCARD-SECRET-1');
    expect(read('daily-staffing.csv').trimEnd().split('\r\n')).toEqual(['\uFEFF日付,職員ID,氏名,出勤,業務責任者', '2026-03-28,w01,作業 一郎,1,1']);
    expect(read('after-hours-roster.csv')).not.toContain('c01');
    const orders = read('open-work-orders.csv');
    expect(orders).toContain('X-1,open,2026-03-28,open,4400000001,引継 太郎,,金沢市引継町1,');
    expect(orders).toContain(',076-333-0001,');
    expect(orders.trimEnd().endsWith(',w01,2026-03-28,2')).toBe(true);
    expect(orders).not.toContain('済み 次郎');
    expect(read('results.csv')).toContain('X-2,close,2026-03-27,w01,done,,1234,');
    expect(read('results.csv')).toContain('2026-03-27 10:30:00');
    expect(read('pending-doubts.csv')).toContain('未解決の疑義');
    expect(read('pending-doubts.csv')).not.toContain('解決済み');
    expect(read('pending-complaints.csv')).toContain('水が出ない,X-1,open');

    const readme = read('README.txt');
    expect(readme).toContain('作成日時: 令和8年3月28日 08:00:00 (日本時間)  作成者: 管理 一郎 (a01)');
    expect(readme).toContain('■ open-work-orders.csv (1 行)  未完了の作業データ');
    expect(readme).toContain('  - お客さま番号: お客さま番号 (個人情報)');
    expect(readme).toContain('身分証明書番号');

    const audit = await temp.db.read.auditLog.findFirstOrThrow({ where: { action: 'handover.exported' } });
    expect(audit).toMatchObject({ actorId: 'a01', channel: 'cli', entity: 'Handover', entityId: out });
    expect(audit.after).not.toContain('引継 太郎');

    const again = await runCommand(register, ['export', '--out', out, '--plain'], ctx);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/空ではありません/);
  });
});
