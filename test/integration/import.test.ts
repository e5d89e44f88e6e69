import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { seededRandom } from '../support/assignment-orders.ts';
import { importFixture, runImport, SAMPLE_CP932, SAMPLE_UTF8_BOM, sampleText, writeVariant } from '../support/import-cli.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

const json = (out: string) => JSON.parse(out) as Record<string, unknown>;

describe('kaiheisen import: reading files', () => {
  it('imports the CP932 sample and keeps 髙 and 﨑 (decoded names read back from the database)', async () => {
    const run = await runImport(t.url, [SAMPLE_CP932, '--json']);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(json(run.out)).toEqual({ imported: 40, updated: 0, unchanged: 0, conflicts: 0, rejected: [], dryRun: false, deferred: expect.any(Array) });
    const names = (await t.db.read.workOrder.findMany({ select: { customerName: true } })).map((o) => o.customerName);
    expect(names).toContain('髙橋 美咲');
    expect(names).toContain('山﨑 太郎');
    const first = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: '20260327-0011' } });
    expect(first).toMatchObject({ kind: 'close', town: '泉が丘', meterWork: 'remove', diameterMm: 13, status: 'open', extra: null });
    const audit = await t.db.read.auditLog.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'import', action: 'workOrder.import', channel: 'cli', entityId: 'work-orders-2026-03-27.cp932.csv' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ encoding: 'cp932', imported: 40, updated: 0, unchanged: 0, conflicts: 0, rejected: 0 });
  });

  it('reads the UTF-8 sample with BOM to the very same content as the CP932 one', async () => {
    expect(json((await runImport(t.url, [SAMPLE_UTF8_BOM, '--json'])).out)).toMatchObject({ imported: 40 });
    expect(json((await runImport(t.url, [SAMPLE_CP932, '--json'])).out)).toMatchObject({ imported: 0, unchanged: 40, updated: 0 });
  });

  it('reads UTF-8 without BOM and with LF line ends', async () => {
    const path = writeVariant(t.dir, 'nobom.csv', sampleText().replaceAll('\r\n', '\n'));
    expect(readFileSync(path)[0]).toBe(0xe4); // 作, no BOM
    expect(json((await runImport(t.url, [path, '--json'])).out)).toMatchObject({ imported: 40, rejected: [] });
    expect(json((await runImport(t.url, [SAMPLE_CP932, '--json'])).out)).toMatchObject({ unchanged: 40 });
  });

  it('imports the good rows of a file with bad ones and names each bad line with its reason', async () => {
    const run = await runImport(t.url, [importFixture('bad-rows.csv'), '--json']);
    expect(run.code).toBe(0);
    const result = json(run.out) as { imported: number; rejected: { line: number; reason: string }[] };
    expect(result.imported).toBe(3);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 5, 7, 8, 9, 10, 11, 12, 16, 17, 18]);
    const reason = (line: number) => result.rejected.find((r) => r.line === line)?.reason;
    expect(reason(3)).toBe('作業種別「開通」は 開栓・閉栓・名変・その他 のいずれでもありません');
    expect(reason(4)).toBe('作業予定日「2026-02-30」は存在しない日付です');
    expect(reason(5)).toBe('口径 φ50 は契約の対象外です (メーター取付・取替・引上の対象口径は φ40 まで)');
    expect(reason(7)).toContain('経度 だけが空欄です');
    expect(reason(8)).toBe('作業番号 が空欄です');
    expect(reason(9)).toContain('作業番号「T-0008」がファイル内で重複しています (10 行目');
    expect(reason(11)).toBe('住所 が空欄です');
    expect(reason(12)).toContain('メーター作業「交換」');
    expect(reason(16)).toBe('前回使用量「-3」は 0 以上の整数ではありません');
    expect(reason(17)).toBe('列の数が 4 個で、ヘッダーの 18 個と合いません');
    expect(reason(18)).toContain('緯度「95」は -90〜90 の範囲にありません');
    const kept = await t.db.read.workOrder.findMany({ orderBy: { orderNo: 'asc' } });
    expect(kept.map((o) => o.orderNo)).toEqual(['T-0001', 'T-0005', 'T-0012']);
    expect(kept[1]).toMatchObject({ kind: 'transfer', scheduledDate: '2026-03-27', diameterMm: 13, previousReading: 1186, previousUsage: 0 });
    expect(kept[2]).toMatchObject({ address: '石川県金沢市広坂1丁目1-12, 2階', remarks: '門の左\n"犬あり"\n裏口から' });
  });

  it('prints a Japanese summary and one line per rejected row without --json', async () => {
    const run = await runImport(t.url, [importFixture('bad-rows.csv')]);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toBe('作業データを取り込みました (bad-rows.csv, UTF-8): 新規 3 件 / 更新 0 件 / 変更なし 0 件 / 競合 0 件 / 取り込めない行 12 件');
    expect(lines.slice(1, 13).every((l) => /^ +\d+ 行目: /.test(l))).toBe(true);
    // The sample's date (2026-03-27) is behind: the orders go to the next daily assignment, and the summary says so.
    expect(lines.slice(13)).toEqual([expect.stringMatching(/^作業予定日に配らない作業が 3 件あります \(休業日 0 件 \/ 過ぎた日付 3 件\)/), expect.stringMatching(/^  3月27日\(金\) \(振り分け済み・過ぎた日付\) の 3 件 → /)]);
    expect(lines[1]).toBe('  3 行目: 作業種別「開通」は 開栓・閉栓・名変・その他 のいずれでもありません');
  });

  it('reads a file with a header and no rows as nothing to import', async () => {
    const path = writeVariant(t.dir, 'header-only.csv', `${sampleText().split('\r\n')[0]}\r\n\r\n`);
    const run = await runImport(t.url, [path, '--json']);
    expect(run.code).toBe(0);
    expect(json(run.out)).toEqual({ imported: 0, updated: 0, unchanged: 0, conflicts: 0, rejected: [], dryRun: false, deferred: expect.any(Array) });
  });

  it('finds columns in another order and keeps unknown columns as JSON', async () => {
    expect(json((await runImport(t.url, [importFixture('reordered-extra.csv'), '--json'])).out)).toMatchObject({ imported: 2 });
    const orders = await t.db.read.workOrder.findMany({ orderBy: { orderNo: 'asc' } });
    expect(orders[0]).toMatchObject({ orderNo: 'R-0001', kind: 'close', meterWork: 'remove', latitude: 36.552, longitude: 136.646 });
    expect(JSON.parse(orders[0]!.extra!)).toEqual({ 担当班: '南2班' });
    expect(JSON.parse(orders[1]!.extra!)).toEqual({ 処理区分: '至急' });
  });

  it('reads another utility layout through --mapping or IMPORT_MAPPING_FILE', async () => {
    const mapping = importFixture('other-utility-mapping.yaml');
    const viaOption = await runImport(t.url, [importFixture('other-utility.csv'), '--json', '--mapping', mapping]);
    expect(json(viaOption.out)).toMatchObject({ imported: 2, rejected: [] });
    const viaEnv = await runImport(t.url, [importFixture('other-utility.csv'), '--json'], { IMPORT_MAPPING_FILE: mapping });
    expect(json(viaEnv.out)).toMatchObject({ unchanged: 2 });
    const k2 = await t.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: 'K-0002' } });
    expect(k2).toMatchObject({ kind: 'close', scheduledDate: '2026-04-01', meterWork: 'remove', customerName: null, latitude: null });
  });
});

describe('kaiheisen import: files it cannot read', () => {
  async function expectFailure(args: string[], message: RegExp): Promise<void> {
    const run = await runImport(t.url, args);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(message);
    expect(await t.db.read.workOrder.count()).toBe(0);
    expect(await t.db.read.auditLog.count()).toBe(0);
  }

  it('names the missing columns', async () => {
    const header = sampleText().split('\r\n')[0]!;
    const path = writeVariant(t.dir, 'missing.csv', `${header.replace(',口径', '').replace('住所,', '')}\r\n`);
    await expectFailure([path, '--json'], /^エラー: 必要な列がありません: 「住所」、「口径」/);
  });

  it('refuses bytes in an unknown encoding', async () => {
    const rnd = seededRandom(7);
    const path = join(t.dir, 'random.bin');
    writeFileSync(path, Uint8Array.from({ length: 4096 }, () => Math.floor(rnd() * 256)));
    await expectFailure([path], /文字コードを判別できません/);
  });

  it('refuses an empty file and a file that does not exist', async () => {
    await expectFailure([writeVariant(t.dir, 'empty.csv', '')], /空です/);
    await expectFailure([join(t.dir, 'nowhere.csv')], /nowhere\.csv を読み込めません \(ファイルが見つかりません\)/);
  });

  it('refuses a broken mapping file', async () => {
    const mapping = writeVariant(t.dir, 'm.yaml', 'columns:\n  orderNo: No\n');
    await expectFailure([SAMPLE_CP932, '--mapping', mapping], /列の対応ファイル .*m\.yaml が正しくありません/);
  });
});
