import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { encryptedTempDatabase, testKey } from '../support/test-cipher.ts';
import type { TempDatabase } from '../support/temp-db.ts';
import { runImport, SAMPLE_CP932, sampleText, writeVariant } from '../support/import-cli.ts';
import { givePasswords, operatorEnv } from '../support/operator.ts';

// Files a user gives the command line, damaged or hostile, through the CLI as a user runs it: each gets a
// Japanese message naming the file and exit 1 (or, for a few bad bytes in a CSV, its rows refused one by one).

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
  await givePasswords(t.db);
});
afterEach(async () => {
  await t.dispose();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'c01', ...operatorEnv, KAIHEISEN_DATA_KEY: testKey().key.toString('base64') };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Nine anchors, each a list of nine aliases of the one before: 9^9 (387 million) strings once expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

const ALIASES = /別名 \(&名前 で付けて \*名前 で参照するもの\) の展開が多すぎます \(上限 100\)/;

describe('YAML files with an alias bomb or broken syntax', () => {
  it('staff load: a file error naming the file, nothing loaded', async () => {
    const bomb = writeVariant(t.dir, 'staff-bomb.yaml', `${aliasBomb()}people: *a8\n`);
    const run = await cli('staff', 'load', bomb);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`職員ファイル ${bomb} を YAML として読み取れません (データベースは変更していません):`);
    expect(run.err).toMatch(ALIASES);
    expect(run.err).not.toContain('予期しない');
    const broken = writeVariant(t.dir, 'staff-broken.yaml', 'people: [\n  - id: w01\n');
    const syntax = await cli('staff', 'load', broken, '--dry-run');
    expect(syntax.code).toBe(1);
    expect(syntax.err).toContain(`職員ファイル ${broken} を YAML として読み取れません`);
    expect(syntax.err).toMatch(/YAML の書式エラー \(2行目 3列目\)/);
    expect(await t.db.read.person.count()).toBe(0);
  });

  it('import --mapping: a file error naming the mapping file, nothing imported', async () => {
    const bomb = writeVariant(t.dir, 'mapping-bomb.yaml', `${aliasBomb()}columns:\n  orderNo: *a8\n`);
    const run = await runImport(t.url, [SAMPLE_CP932, '--mapping', bomb]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`列の対応ファイル ${bomb} が正しくありません:`);
    expect(run.err).toMatch(ALIASES);
    const deep = writeVariant(t.dir, 'mapping-deep.yaml', `columns: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`);
    const nested = await runImport(t.url, [SAMPLE_CP932, '--mapping', deep]);
    expect(nested.code).toBe(1);
    expect(nested.err).toContain(`列の対応ファイル ${deep} が正しくありません:`);
    expect(`${run.err}${nested.err}`).not.toContain('予期しない');
    expect(await t.db.read.workOrder.count()).toBe(0);
  });

  it('simulate: a script error naming the script', async () => {
    const bomb = writeVariant(t.dir, 'script-bomb.yaml', `${aliasBomb()}date: 2026-03-27\nsteps: *a8\n`);
    const err: string[] = [];
    const code = await runCli(['simulate', bomb], { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(err.join('')).toContain(`シナリオ ${bomb} の書き方が正しくありません:`);
    expect(err.join('')).toMatch(ALIASES);
  });

  it('still reads the aliases a real file uses', async () => {
    const mapping = writeVariant(
      t.dir,
      'mapping-aliases.yaml',
      'columns:\n  orderNo: 作業番号\n  kind: 作業種別\n  scheduledDate: 作業予定日\n  address: 住所\n' +
        'kindLabels: { 使用開始: &open open, 開始: *open }\n',
    );
    const run = await runImport(t.url, [SAMPLE_CP932, '--mapping', mapping, '--dry-run', '--json']);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(run.out)).toMatchObject({ imported: 40, dryRun: true });
  });
});

describe('CSV exports with stray control bytes, and files that are not CSV', () => {
  const json = (out: string) => JSON.parse(out) as { imported: number; rejected: { line: number; reason: string }[] };

  it('reads a UTF-8 file with a stray NUL as UTF-8 and refuses only the row that holds it, with its line', async () => {
    const lines = sampleText().split('\r\n');
    lines[5] = lines[5]!.replace(/,([^,]*)$/, ',\u0000$1'); // last column of line 6
    lines[9] = lines[9]!.replace('金沢市', '金沢\u0007市'); // a bell in the address of line 10
    const path = writeVariant(t.dir, 'nul.csv', lines.join('\r\n'));
    const run = await runImport(t.url, [path, '--json']);
    expect(run.code).toBe(0);
    const result = json(run.out);
    expect(result.imported).toBe(38);
    expect(result.rejected.map((r) => r.line)).toEqual([6, 10]);
    expect(result.rejected[1]!.reason).toBe('住所 に制御文字が含まれています');
    expect(result.rejected[0]!.reason).toMatch(/に制御文字が含まれています$/);
  });

  it('does the same for a CP932 file', async () => {
    const text = sampleText().replace(/\r\n(20260327-\d{4}),/, '\r\n$1\u0000,');
    const path = join(t.dir, 'nul-cp932.csv');
    writeFileSync(path, iconv.encode(text, 'cp932'));
    const run = await runImport(t.url, [path, '--json']);
    expect(run.code).toBe(0);
    expect(json(run.out)).toMatchObject({ imported: 39, rejected: [{ line: 2, reason: '作業番号 に制御文字が含まれています' }] });
  });

  it('refuses a ZIP (an .xlsx), a PNG, and UTF-16 with or without BOM as files it cannot read', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), Buffer.from('[Content_Types].xml'), Buffer.alloc(64, 0x41)]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(64, 0x20)]);
    const files: [string, Buffer][] = [
      ['book.csv', zip],
      ['photo.csv', png],
      ['utf16.csv', iconv.encode(sampleText(), 'utf16le')],
      ['utf16-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sampleText(), 'utf16le')])],
      ['utf16-ascii.csv', iconv.encode('orderNo,kind,scheduledDate,address\r\n1,open,2026-03-27,x\r\n', 'utf16-be')],
    ];
    for (const [name, bytes] of files) {
      const path = join(t.dir, name);
      writeFileSync(path, bytes);
      const run = await runImport(t.url, [path]);
      expect(run.code, name).toBe(1);
      expect(run.err, name).toContain(`ファイル ${path} の文字コードを判別できません。UTF-8 か CP932 (Shift_JIS) の CSV ファイルを指定してください`);
    }
    expect(await t.db.read.workOrder.count()).toBe(0);
  });
});
