import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';
import { seedTeam } from '../../support/complaint-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';

let temp: TempDatabase;
beforeAll(async () => {
  temp = await tempDatabase();
  await givePasswords(temp.db);
  await seedTeam(temp.db);
});
afterAll(async () => temp.dispose());

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'c01', ...operatorEnv, KAIHEISEN_LOAD_EXAMPLES: 'false' };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('kaiheisen complaint', () => {
  it('adds, acknowledges, resolves and lists a complaint; the running bot does the chat', async () => {
    const add = await cli('complaint', 'add', '--kind', 'noWater', '--address', '金沢市広坂1丁目1-1', '--customer', '1234567890', '--description', '水が出ない');
    expect(add).toMatchObject({ code: 0, err: '' });
    expect(add.out).toContain('苦情 #1 を受け付けました (cli)。');
    expect(add.out).toMatch(/時間外当番を呼び出します: 仮野 次郎 → 試験 花子|作業者と業務責任者に連絡します: 架空 太郎/u);
    expect(add.out).toContain('起動中のボット (kaiheisen start) が行います');
    expect(add.out).not.toContain('1234567890');
    const first = await temp.db.read.durableTimer.findMany({ where: { state: 'pending' } });
    expect(first.map((t) => t.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/^complaint\.(page|notify)$/u)]));

    const ack = await cli('complaint', 'ack', '1', '--by', 'w01');
    expect(ack).toMatchObject({ code: 0 });
    expect(ack.out).toContain('苦情 #1 を 架空 太郎 さんが受領しました。');
    const pending = await temp.db.read.durableTimer.findMany({ where: { state: 'pending' } });
    expect(pending.map((t) => t.kind).sort()).toEqual(['complaint.refresh', 'complaint.remind']);

    const resolve = await cli('complaint', 'resolve', '1', '--by', 'w01', '--found', '止水栓が閉まっていた', '--done', '開けて通水確認');
    expect(resolve.code).toBe(0);
    expect(resolve.out).toContain('苦情 #1 の解決報告を記録しました');

    const list = await cli('complaint', 'list', '--json');
    const month = JSON.parse(list.out) as { count: number; items: { id: number; state: string; findings: string; town: string }[] };
    expect(month).toMatchObject({ count: 1, items: [{ id: 1, state: 'resolved', findings: '止水栓が閉まっていた', town: '広坂' }] });
    expect(list.out).not.toContain('1234567890');
    const text = await cli('complaint', 'list');
    expect(text.out).toContain('#1 ');
    expect(text.out).toContain('原因 止水栓が閉まっていた / 処置 開けて通水確認');
  });

  it('refuses what it cannot do with a Japanese message and exit code 1', async () => {
    expect(await cli('complaint', 'ack', '99', '--by', 'w01')).toMatchObject({ code: 1, err: expect.stringContaining('苦情 #99 は見つかりません') });
    expect(await cli('complaint', 'add', '--kind', 'fire', '--address', '広坂1-1-1', '--description', 'x')).toMatchObject({ code: 1, err: expect.stringContaining('種別「fire」') });
    expect(await cli('complaint', 'list', '--month', '2026-13')).toMatchObject({ code: 1, err: expect.stringContaining('YYYY-MM') });
    expect(await cli('complaint', 'ack', '1', '--by', 'c01')).toMatchObject({ code: 1, err: expect.stringContaining('連絡を受けた人・業務責任者・管理者') });
    expect(await cli('complaint', 'ack', '1', '--by', 'w01')).toMatchObject({ code: 1, err: expect.stringContaining('すでに解決済み') });
  });
});
