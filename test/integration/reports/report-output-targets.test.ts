import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
  expect((await cli('c01', 'staff', 'load', 'examples/staff.yaml')).code).toBe(0);
});
afterEach(async () => t.dispose());

async function cli(operator: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: operator, ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const reportCount = () => t.db.read.report.count();
const exportAudits = () => t.db.read.auditLog.count({ where: { action: 'report.exported' } });

describe('report --out / --csv targets', { timeout: 180_000 }, () => {
  it('never creates a missing folder: refused naming the folder, nothing written or stored', async () => {
    const missing = join(t.dir, 'nope', 'deep');
    const before = await reportCount();
    const run = await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', join(missing, 'm.pdf'));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`出力先のフォルダ ${missing} がありません`);
    expect(existsSync(join(t.dir, 'nope'))).toBe(false);
    expect(await reportCount()).toBe(before);
    const csv = await cli('w01', 'report', 'consumables', '--month', '2026-03', '--out', join(t.dir, 'c.pdf'), '--csv', join(missing, 'c.csv'));
    expect(csv.code).toBe(1);
    expect(existsSync(join(t.dir, 'c.pdf'))).toBe(false);
    const chart = await cli('w01', 'report', 'contact-chart', '--out', join(missing, 'x.pdf'), '--plain');
    expect(chart.code).toBe(1);
    expect(existsSync(join(t.dir, 'nope'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))('says which file could not be written and why, leaving nothing behind', async () => {
    const run = await cli('w01', 'report', 'work-places', '--out', '/proc/x.pdf');
    expect(run.code).toBe(1);
    expect(run.err).toContain('/proc/x.pdf に書き込めませんでした');
    expect(run.err).not.toContain('予期しない');
    const intoFile = join(t.dir, 'plain-file');
    writeFileSync(intoFile, 'x');
    const notDir = await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', join(intoFile, 'm.pdf'));
    expect(notDir.code).toBe(1);
    expect(notDir.err).toContain('フォルダではありません');
    const folder = join(t.dir, 'taken.pdf');
    mkdirSync(folder);
    const isDir = await cli('w01', 'report', 'daily', '--date', '2026-03-27', '--out', folder);
    expect(isDir.code).toBe(1);
    expect(isDir.err).toContain('同じ名前のフォルダ');
    expect(readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an existing --out or --csv before any work unless --force, for plain and protected reports alike', async () => {
    const pdf = join(t.dir, 'm.pdf');
    const csv = join(t.dir, 'm.csv');
    expect((await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', pdf)).code).toBe(0);
    writeFileSync(csv, 'keep');
    const stored = await reportCount();
    const again = await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', join(t.dir, 'other.pdf'), '--csv', csv);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${csv} はすでにあります`);
    expect(again.err).toContain('--force');
    expect(existsSync(join(t.dir, 'other.pdf'))).toBe(false);
    expect(await reportCount()).toBe(stored);
    const forced = await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', pdf, '--csv', csv, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(csv, 'utf8')).not.toBe('keep');

    const officers = join(t.dir, 'o.pdf');
    const first = await cli('w01', 'report', 'security-officers', '--out', officers, '--print-password');
    expect(first.code, first.err).toBe(0);
    const audits = await exportAudits();
    const refused = await cli('w01', 'report', 'security-officers', '--out', officers, '--print-password');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${officers}.zip はすでにあります`);
    expect(await exportAudits()).toBe(audits);
    const replaced = await cli('w01', 'report', 'security-officers', '--out', officers, '--force', '--print-password');
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out).toContain(`${statSync(`${officers}.zip`).size} バイト`);
  });

  it('refuses a month or fiscal year wholly in the future and warns that the current one is 途中', async () => {
    const invoice = await cli('w01', 'report', 'invoice', '--month', '2099-01', '--out', join(t.dir, 'i.pdf'));
    expect(invoice.code).toBe(1);
    expect(invoice.err).toContain('2099-01 はまだ始まっていません');
    expect(existsSync(join(t.dir, 'i.pdf'))).toBe(false);
    const annual = await cli('w01', 'report', 'annual', '--fiscal-year', '2099', '--out', join(t.dir, 'a.pdf'));
    expect(annual.code).toBe(1);
    expect(annual.err).toContain('まだ始まっていません');
    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7); // Tokyo
    const current = await cli('w01', 'report', 'monthly', '--month', month, '--out', join(t.dir, 'now.pdf'));
    expect(current.code, current.err).toBe(0);
    expect(current.err).toContain(`${month} はまだ終わっていません`);
    expect(current.err).toContain('途中集計');
  });

  it('words the --plain warning by whose data the document holds', async () => {
    const staff = await cli('w01', 'report', 'contact-chart', '--out', join(t.dir, 'c.pdf'), '--plain');
    expect(staff.code, staff.err).toBe(0);
    expect(staff.err).toContain('職員の氏名・電話番号');
    expect(staff.err).not.toContain('お客さま');
    const users = await cli('w01', 'report', 'system-users', '--out', join(t.dir, 'u.pdf'), '--plain');
    expect(users.err).toContain('職員の氏名');
    expect(users.out).toContain(`${statSync(join(t.dir, 'u.pdf')).size} バイト`);
  });
});
