import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createTrainingStore } from '../../../src/adapters/db/training-store.ts';
import { recordTraining } from '../../../src/application/staffing/trainings.ts';
import { register as registerReport } from '../../../src/cli/commands/report.ts';
import { register as registerStaff } from '../../../src/cli/commands/staff.ts';
import { register as registerTrain } from '../../../src/cli/commands/train.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { asOperator } from '../../support/operator.ts';
import { hasRow, pdfPageItems } from '../../support/pdf-text.ts';
import { greyPng, TINY_JPEG } from '../../support/photo-files.ts';
import { testCipher } from '../../support/test-cipher.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

const READER = fileURLToPath(new URL('../../support/aes-zip-reader.py', import.meta.url));
const NOW = '2026-03-26T23:00:00Z'; // 2026-03-27 in Tokyo

const STAFF = `
people:
  - { id: w01, affiliation: contractor, name: 架空 太郎, phone: 090-0000-0001, canSupervise: true, isAdmin: true }
  - { id: w03, affiliation: contractor, name: 試験 花子, nameKana: シケン ハナコ, photo: photos/w03.jpg }
  - { id: w04, affiliation: contractor, name: 見本 三郎, nameKana: ミホン サブロウ, photo: photos/w04.png,
      idCard: { number: "KS-004", expiresOn: 2027-03-31 } }
  - { id: w05, affiliation: contractor, name: 例示 美咲, photo: photos/w04.png }
  - { id: w06, affiliation: contractor, name: 模擬 健太, idCard: { number: "KS-006", expiresOn: 2027-04-10 } }
defaultStaffing: { workers: [w01, w03, w04, w05, w06], supervisors: [w01] }
contactCharts:
  doubt: [{ target: supervisor, ackTimeoutMinutes: 10 }]
  incident: [{ target: supervisor, ackTimeoutMinutes: 10 }]
`;

let t: TempDatabase;
let staffFile: string;
beforeEach(async () => {
  t = await tempDatabase({ cipher: testCipher() });
  mkdirSync(join(t.dir, 'photos'));
  writeFileSync(join(t.dir, 'photos', 'w03.jpg'), TINY_JPEG);
  writeFileSync(join(t.dir, 'photos', 'w04.png'), greyPng(60, 80));
  staffFile = join(t.dir, 'staff.yaml');
  writeFileSync(staffFile, STAFF);
  const load = await runCommand(registerStaff, ['staff', 'load', staffFile], testContext(t.db, new VirtualClock(NOW)));
  expect(load.code, load.err).toBe(0);
  expect(load.out).toContain('顔写真: 登録 3 名 / 差し替え 0 名 / 削除 0 名 / 変更なし 0 名');
  // w03 played the training scenario (as `kaiheisen train` records it), w04 passed it too, w06 as well; w05 never did.
  const deps = { trainings: createTrainingStore(t.db), clock: new VirtualClock('2026-03-10T06:00:00Z') };
  for (const personId of ['w03', 'w04', 'w06']) {
    await recordTraining(deps, { personId, scenario: '研修: 開閉栓業務の1日', scriptFile: 'examples/simulate/training.yaml', startedAt: new Date('2026-03-10T01:00:00Z'), passed: true, tasks: 5, tasksPassed: 5 }, { actorId: personId, channel: 'cli' });
  }
});
afterEach(async () => t.dispose());

const ctxAs = (operator: string) => asOperator(testContext(t.db, new VirtualClock(NOW)), operator);
const request = async (operator: string, ...args: string[]) => runCommand(registerReport, ['report', 'id-card-request', ...args], await ctxAs(operator));

async function imageXObjects(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf);
  return doc.context.enumerateIndirectObjects().filter(([, o]) => (o instanceof PDFRawStream || o instanceof PDFDict) && (o instanceof PDFRawStream ? o.dict : o).get(PDFName.of('Subtype')) === PDFName.of('Image')).length;
}

describe('report id-card-request', () => {
  it('by default names the trained workers without a valid card, with their training and photo', async () => {
    const out = join(t.dir, 'req.pdf');
    const run = await request('w01', '--out', out, '--plain');
    expect(run.code, run.err).toBe(0);
    const pdf = new Uint8Array(readFileSync(out));
    const text = (await pdfPageItems(pdf)).map((p) => p.join('')).join('');
    const pages = await pdfPageItems(pdf);
    expect(text).toContain('身分証明書発行依頼書');
    expect(hasRow(pages, ['1', '試験 花子', 'シケン ハナコ', '新規', 'なし', '令和8年3月10日'])).toBe(true);
    expect(text).toContain('令和8年3月10日研修: 開閉栓業務の1日(修了)');
    expect(text).not.toContain('見本 三郎'); // card valid for a year
    expect(text).not.toContain('例示 美咲'); // not trained
    expect(text).not.toContain('模擬 健太'); // card valid; named explicitly below, refused for want of a photo
    expect(await imageXObjects(pdf)).toBe(1);
    expect(readFileSync(join(t.dir, 'req-w03.jpg'))).toEqual(TINY_JPEG);
  });

  it('takes named workers into one protected zip with the photo files, and refuses the untrained and the photoless', async () => {
    const out = join(t.dir, 'named.pdf');
    const passwordFile = join(t.dir, 'pw');
    writeFileSync(passwordFile, 'a-long-test-password-1234');
    const run = await request('w01', '--workers', 'w03,w04', '--out', out, '--password-file', passwordFile);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(out)).toBe(false);
    const dir = mkdtempSync(join(t.dir, 'unzipped-'));
    const unzip = spawnSync('python3', [READER, `${out}.zip`, passwordFile, dir], { encoding: 'utf8' });
    expect(unzip.status, unzip.stderr).toBe(0);
    expect(readFileSync(join(dir, 'w03.jpg'))).toEqual(TINY_JPEG);
    expect(readFileSync(join(dir, 'w04.png'))).toEqual(greyPng(60, 80));
    const pdf = new Uint8Array(readFileSync(join(dir, 'named.pdf')));
    expect(await imageXObjects(pdf)).toBe(2);
    expect(hasRow(await pdfPageItems(pdf), ['2', '見本 三郎', 'ミホン サブロウ', '更新'])).toBe(true);
    const audit = await t.db.read.auditLog.findFirstOrThrow({ where: { action: 'report.exported' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'idCardRequest', format: 'aes-zip', files: 3, personalData: true });

    const untrained = await request('w01', '--workers', 'w05', '--out', join(t.dir, 'x.pdf'), '--plain');
    expect(untrained.code).toBe(1);
    expect(untrained.err).toContain('w05 (例示 美咲) は教育訓練 (研修) を修了していないため、身分証明書の発行を依頼できません (仕様書 9(1))');
    const photoless = await request('w01', '--workers', 'w06', '--out', join(t.dir, 'y.pdf'), '--plain');
    expect(photoless.code).toBe(1);
    expect(photoless.err).toContain('w06 (模擬 健太) の顔写真が登録されていません。職員ファイルのこの人の項目に photo:');
    const worker = await request('w03', '--out', join(t.dir, 'z.pdf'), '--plain');
    expect(worker.code).toBe(1);
    expect(worker.err).toMatch(/権限/);
  });

  it('keeps the photos encrypted at rest and refuses a file that is not an image at load', async () => {
    const raw = await t.db.statements((sql) => sql.all<{ data: string }>('SELECT "data" FROM "PersonPhoto"'));
    expect(raw).toHaveLength(3);
    expect(raw.every((r) => r.data.startsWith('enc:v1:'))).toBe(true);
    writeFileSync(join(t.dir, 'photos', 'w03.jpg'), 'not a picture');
    const load = await runCommand(registerStaff, ['staff', 'load', staffFile], await ctxAs('w01'));
    expect(load.code).toBe(1);
    expect(load.err).toContain('people[1].photo: photos/w03.jpg は JPEG でも PNG でもありません');
    writeFileSync(staffFile, STAFF.replace(', photo: photos/w03.jpg', ''));
    const again = await runCommand(registerStaff, ['staff', 'load', staffFile], await ctxAs('w01'));
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('顔写真: 登録 0 名 / 差し替え 0 名 / 削除 1 名 / 変更なし 2 名');
  });

  it('counts a training recorded by hand with `train record`, which a worker may not do', async () => {
    const args = ['train', 'record', '--worker', 'w05', '--date', '2026-03-20', '--topic', '開閉栓作業の安全教育'];
    const refused = await runCommand(registerTrain, args, await ctxAs('w03'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('「研修記録の登録 (局・管理者)」の権限がありません');
    const future = await runCommand(registerTrain, [...args.slice(0, 5), '2026-04-01', ...args.slice(6)], await ctxAs('w01'));
    expect(future.code).toBe(1);
    expect(future.err).toContain('今日以前の日付');
    const run = await runCommand(registerTrain, args, await ctxAs('w01'));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe('w05 の研修を記録しました: 令和8年3月20日　開閉栓作業の安全教育\n');
    expect(await t.db.read.auditLog.count({ where: { action: 'training.recorded', entityId: { not: null }, actorId: 'w01' } })).toBe(1);
    const listed = await runCommand(registerStaff, ['staff', 'trainings', '--worker', 'w05'], await ctxAs('w01'));
    expect(listed.out).toBe('w05  2026-03-20  開閉栓作業の安全教育  修了 (手入力)\n');
    const out = join(t.dir, 'w05.pdf');
    const request5 = await request('w01', '--workers', 'w05', '--out', out, '--plain');
    expect(request5.code, request5.err).toBe(0);
    const text = (await pdfPageItems(new Uint8Array(readFileSync(out)))).map((p) => p.join('')).join('');
    expect(text).toContain('令和8年3月20日開閉栓作業の安全教育(修了)');
  });
});
