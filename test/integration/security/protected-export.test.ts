import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/adapters/csv/csv-parser.ts';
import { HANDOVER_FILES } from '../../../src/application/handover/handover-files.ts';
import { runCli } from '../../../src/cli/index.ts';
import { runImport, SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';
import { hasRow, pdfPageItems } from '../../support/pdf-text.ts';
import { runKaiheisen, type ProcessRun } from '../../support/kaiheisen-process.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

/**
 * `kaiheisen export` writes the handover as a WinZip AES-256 zip (annex art. 11). The archive is opened with an
 * independent reader (test/support/aes-zip-reader.py: Python's hashlib + the `cryptography` package, written from
 * the WinZip spec) and, where installed, with 7-Zip itself; never with our own code.
 */
const READER = fileURLToPath(new URL('../../support/aes-zip-reader.py', import.meta.url));
const PASSWORD_LINE = /^ {4}([a-z2-9]{4}(?:-[a-z2-9]{4}){6})$/m;
const STAFF_EXAMPLE = fileURLToPath(new URL('../../../examples/staff.yaml', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const SEVEN_ZIP = ['7zz', '7z'].find((c) => spawnSync(c, ['i'], { stdio: 'ignore' }).status === 0);

let temp: TempDatabase;
let env: Record<string, string>;
const sample = parseCsv(readFileSync(SAMPLE_UTF8_BOM, 'utf8').replace(/^\uFEFF/, '')).slice(1).map((r) => r.cells);
const personal = sample.flatMap((cells) => [cells[3]!, cells[4]!, cells[14]!]).filter((v) => v.length > 0);

beforeAll(async () => {
  temp = await encryptedTempDatabase();
  env = { DATABASE_URL: temp.url, KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_LOG_LEVEL: 'info', KAIHEISEN_OPERATOR: 'w01', ...operatorEnv }; // w01 is the examples' admin
  const imported = await runImport(temp.url, [SAMPLE_UTF8_BOM]);
  expect(imported.code, imported.err).toBe(0);
  await givePasswords(temp.db, ['w01']);
  expect(await runCli(['staff', 'load', STAFF_EXAMPLE], { env: { ...env, KAIHEISEN_LOG_LEVEL: 'silent' }, out: () => {}, err: () => {} })).toBe(0);
});
afterAll(async () => temp.dispose());

function passwordFile(name: string, password: string, mode = 0o600): string {
  const path = join(temp.dir, name);
  writeFileSync(path, password);
  chmodSync(path, mode);
  return path;
}

/** The independent reader's exit code (0 ok, 3 wrong password, 4 damaged) and the extracted folder. */
function openWithReader(zip: string, password: string, name: string): { code: number | null; dir: string } {
  const dir = join(temp.dir, name);
  mkdirSync(dir);
  const run = spawnSync('python3', [READER, zip, passwordFile(`${name}.pw`, password), dir], { encoding: 'utf8' });
  return { code: run.status, dir };
}

/** `kaiheisen ARGS` with stdin, stdout and stderr on a pseudo-terminal (util-linux `script`): what a person sees. */
function onTerminal(args: string[], extra: Record<string, string>): { code: number | null; text: string } {
  const command = ['node', 'bin/kaiheisen.mjs', ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL$|KAIHEISEN_)/.test(k)));
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...inherited, ...extra }, encoding: 'utf8' });
  return { code: run.status, text: run.stdout.replaceAll('\r', '') };
}

function printedPassword(run: ProcessRun): string {
  const match = PASSWORD_LINE.exec(run.stderr);
  expect(match, run.stderr).not.toBeNull();
  return match![1]!;
}

describe('protected handover export', () => {
  let run: ProcessRun;
  let password: string;
  let zip: string;

  it('refuses to print a generated password where no one reads it (stderr a file or a pipe): nothing written', async () => {
    const out = join(temp.dir, 'out');
    mkdirSync(out);
    const refused = await runKaiheisen(['export', '--out', join(out, 'handover-2026')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('パスワードを表示する端末がありません');
    expect(refused.stderr).toContain('--password-file');
    expect(refused.stderr).toContain('--print-password');
    expect(PASSWORD_LINE.test(refused.stderr)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    expect(await temp.db.read.auditLog.count({ where: { action: 'handover.exported' } })).toBe(0);
  });

  it('with --print-password writes one AES-256 zip (0600, no temp files left) and prints the password once, on stderr only', async () => {
    const out = join(temp.dir, 'out');
    run = await runKaiheisen(['export', '--out', join(out, 'handover-2026'), '--print-password'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('--print-password のため');
    zip = join(out, 'handover-2026.zip');
    expect(readdirSync(out)).toEqual(['handover-2026.zip']);
    expect(statSync(zip).mode & 0o777).toBe(0o600);
    password = printedPassword(run);
    expect(run.stderr.split(password)).toHaveLength(2);
    expect(run.stderr).toContain('別の経路 (電話・別送の書面など)');
    expect(run.stderr).toContain('7-Zip');
    expect(run.stdout).toContain(`引継ぎデータを ${zip} に書き出しました`);
    expect(run.stdout).toContain('open-work-orders.csv: 40 行');
    expect(run.stdout).not.toContain(password);
  });

  it('opens with the printed password in an independent reader: README and BOM-prefixed CSVs with the imported orders', () => {
    const opened = openWithReader(zip, password, 'opened');
    expect(opened.code).toBe(0);
    expect(readdirSync(opened.dir).sort()).toEqual(['README.txt', ...HANDOVER_FILES.map((f) => f.file)].sort());
    const orders = readFileSync(join(opened.dir, 'open-work-orders.csv'), 'utf8');
    expect(orders.startsWith('\uFEFF作業番号,')).toBe(true);
    const rows = orders.trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + sample.length);
    expect(rows[1]).toMatch(/^20260327-0001,open,2026-03-27,open,3503055453,石川 大輔,ｲｼｶﾜ,石川県金沢市諸江町2丁目2-3,/);
    expect(orders).toContain('山﨑 太郎');
    expect(orders).toContain(',090-0000-1144,');
    expect(readFileSync(join(opened.dir, 'README.txt'), 'utf8')).toContain('作成者: 架空 太郎 (w01)');
  });

  it.runIf(SEVEN_ZIP)('opens in 7-Zip with the printed password and not with another', () => {
    const dir = join(temp.dir, 'seven');
    execFileSync(SEVEN_ZIP!, ['x', `-p${password}`, `-o${dir}`, zip], { stdio: 'ignore' });
    expect(readFileSync(join(dir, 'open-work-orders.csv'), 'utf8')).toContain('石川 大輔');
    expect(spawnSync(SEVEN_ZIP!, ['t', '-pwrong-password-123456', zip], { stdio: 'ignore' }).status).not.toBe(0);
  });

  it('refuses a wrong password, and holds no plaintext name, phone or customer number', () => {
    const wrong = `${password.slice(0, -1)}${password.endsWith('x') ? 'y' : 'x'}`; // the alphabet holds x: a fixed 'x' was the password 1 time in 34
    expect(openWithReader(zip, wrong, 'wrong').code).toBe(3);
    const bytes = readFileSync(zip);
    expect(personal.length).toBeGreaterThan(100);
    for (const value of personal) expect(bytes.includes(Buffer.from(value, 'utf8')), value).toBe(false);
    expect(bytes.includes(Buffer.from('作業番号', 'utf8'))).toBe(false);
  });

  it('keeps the password out of the database, the audit and the logs; the audit says what was written', async () => {
    for (const file of ['test.db', 'test.db-wal']) {
      const path = join(temp.dir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(password)), file).toBe(false);
    }
    const audit = await temp.db.read.auditLog.findFirstOrThrow({ where: { action: 'handover.exported' } });
    expect(audit).toMatchObject({ actorId: 'w01', channel: 'cli', entity: 'Handover', entityId: zip });
    const after = JSON.parse(audit.after!) as { format: string; files: { file: string; rows: number }[] };
    expect(after.format).toBe('aes-zip');
    expect(after.files).toContainEqual({ file: 'open-work-orders.csv', rows: 40 });
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(run.stdout + run.stderr).toMatch(/handover exported with personal data/);
    expect(run.stdout + run.stderr.replace(password, '')).not.toContain(password);
  });

  it('never overwrites an earlier export', async () => {
    const before = readFileSync(zip);
    const again = await runKaiheisen(['export', '--out', zip, '--print-password'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('すでにあります');
    expect(PASSWORD_LINE.test(again.stderr)).toBe(false);
    expect(readFileSync(zip).equals(before)).toBe(true);
  });

  it.runIf(SCRIPT)('prints the generated password without --print-password when stderr is a terminal', () => {
    const out = join(temp.dir, 'on-terminal');
    const shown = onTerminal(['export', '--out', out], env);
    expect(shown.code, shown.text).toBe(0);
    expect(shown.text).toContain('この画面にだけ表示します');
    expect(openWithReader(`${out}.zip`, printedPassword({ code: 0, stdout: '', stderr: shown.text }), 'on-terminal-opened').code).toBe(0);
  });

  it('takes a chosen password from --password-file without printing it, and refuses a short one', async () => {
    const short = await runKaiheisen(['export', '--out', join(temp.dir, 'short'), '--password-file', passwordFile('short.pw', 'tooShort-123')], env);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('短すぎます (12 文字)');
    expect(existsSync(join(temp.dir, 'short.zip'))).toBe(false);

    const chosen = 'Chosen-Pass-2026-kanazawa!';
    const run2 = await runKaiheisen(['export', '--out', join(temp.dir, 'chosen.zip'), '--password-file', passwordFile('chosen.pw', `${chosen}\n`)], env);
    expect(run2.code, run2.stderr).toBe(0);
    expect(run2.stdout + run2.stderr).not.toContain(chosen);
    expect(PASSWORD_LINE.test(run2.stderr)).toBe(false);
    expect(run2.stderr).not.toContain('ほかのユーザーも読める');
    expect(openWithReader(join(temp.dir, 'chosen.zip'), chosen, 'chosen').code).toBe(0);
  });

  it('warns when the password file is readable by the group or others, and still writes the zip with it', async () => {
    const chosen = 'Shared-Pass-2026-kanazawa!';
    for (const [mode, name] of [[0o644, 'world'], [0o640, 'group']] as const) {
      const file = passwordFile(`${name}.pw`, `${chosen}\n`, mode);
      const warned = await runKaiheisen(['export', '--out', join(temp.dir, `${name}.zip`), '--password-file', file], env);
      expect(warned.code, warned.stderr).toBe(0);
      expect(warned.stderr).toContain(`パスワードファイル ${file} はほかのユーザーも読める権限です (0${mode.toString(8)})`);
      expect(warned.stderr).toContain(`chmod 600 ${file}`);
      expect(warned.stdout + warned.stderr).not.toContain(chosen);
      expect(openWithReader(join(temp.dir, `${name}.zip`), chosen, `${name}-opened`).code).toBe(0);
    }
  });

  it('writes plain files only with --plain, warning why that is dangerous, and audits the format', async () => {
    const dir = join(temp.dir, 'plain');
    const plain = await runKaiheisen(['export', '--out', dir, '--plain'], env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('暗号化せずに書き出します');
    expect(plain.stderr).toContain('第11条');
    expect(PASSWORD_LINE.test(plain.stderr)).toBe(false);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'open-work-orders.csv')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'open-work-orders.csv'), 'utf8')).toContain('石川 大輔');
    const audits = await temp.db.read.auditLog.findMany({ where: { action: 'handover.exported' }, orderBy: { id: 'asc' } });
    expect(JSON.parse(audits.at(-1)!.after!)).toMatchObject({ format: 'plain' });
    expect((await runKaiheisen(['export', '--out', dir, '--plain', '--password-file', passwordFile('p.pw', 'x'.repeat(20))], env)).code).toBe(1);
  });

  it('puts the staffing documents (staff phone numbers) into an AES zip too, and audits that', async () => {
    const out = join(temp.dir, 'reports', 'staffing-2026-03-27.pdf');
    mkdirSync(join(temp.dir, 'reports')); // a report's --out folder is never created
    const made = await runKaiheisen(['report', 'staffing', '--date', '2026-03-27', '--out', out, '--print-password'], env);
    expect(made.code, made.stderr).toBe(0);
    const zipPath = `${out}.zip`;
    expect(readdirSync(join(temp.dir, 'reports'))).toEqual(['staffing-2026-03-27.pdf.zip']);
    expect(statSync(zipPath).mode & 0o777).toBe(0o600);
    expect(made.stdout).toContain(zipPath);
    const opened = openWithReader(zipPath, printedPassword(made), 'staffing');
    expect(opened.code).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(join(opened.dir, 'staffing-2026-03-27.pdf'))));
    expect(hasRow(pages, ['架空 太郎', '090-0000-0001'])).toBe(true);
    const audit = await temp.db.read.auditLog.findFirstOrThrow({ where: { action: 'report.exported' } });
    expect(audit.actorId).toBe('w01');
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'staffing', file: zipPath, format: 'aes-zip' });
  });
});
