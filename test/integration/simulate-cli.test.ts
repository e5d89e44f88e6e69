import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY_ENV } from '../support/test-cipher.ts';

/** `kaiheisen simulate…` as a user runs it: a child process started in a folder that is not the repository's. */
const BIN = fileURLToPath(new URL('../../bin/kaiheisen.mjs', import.meta.url));
const EXAMPLE_ORDERS = fileURLToPath(new URL('../../examples/work-orders-2026-03-27.csv', import.meta.url));
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_|TMPDIR$)/;

let dir: string;
let env: Record<string, string | undefined>;

function kaiheisen(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-simulate-cli-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  env = { ...inherited, ...TEST_KEY_ENV, TMPDIR: dir, DATABASE_URL: `file:${join(dir, 'configured.db')}`, KAIHEISEN_LOG_LEVEL: 'error' };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate-month: option values that are not numbers or dates (README: usage errors exit 2)', { timeout: 60_000 }, () => {
  it.each([
    [['--days', '0'], '--days には 1 以上の整数'],
    [['--orders', '-5'], '--orders には 1 以上の整数'],
    [['--workers', '2.5'], '--workers には 1 以上の整数'],
    [['--seed', 'x'], '--seed には 1 以上の整数'],
    [['--start', '2026-02-30'], '--start には実在する日付'],
    [['--database', 'month.db'], '--database の値が正しくありません'],
  ])('%j: exit 2, said in Japanese, nothing played', (args, said) => {
    const r = kaiheisen(['simulate-month', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(said);
    expect(r.stderr).not.toMatch(/予期しない|Error|at /);
    expect(r.stdout).toBe('');
  });
});

describe('simulate-month on a database that already holds a month', { timeout: 120_000 }, () => {
  it('is refused before the bot starts (exit 2), naming a new database file; the database is left as it was', () => {
    const url = `file:${join(dir, 'month.db')}`;
    const load = spawnSync(process.execPath, [BIN, 'staff', 'load', 'examples/staff.yaml'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    expect(load.status, load.stderr).toBe(0);
    const before = readFileSync(join(dir, 'month.db'));
    const r = kaiheisen(['simulate-month', '--days', '3', '--orders', '60', '--workers', '4', '--database', url]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/すでに職員 \d+ 名・作業 0 件が入っています/);
    expect(r.stderr).toContain('新しいデータベースファイル (--database file:新しいパス)');
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'month.db')).equals(before)).toBe(true);
  });
});

describe('simulate from a folder other than the repository', { timeout: 60_000 }, () => {
  it('a script naming a file that is not there: said in Japanese with the path, before a database is opened', () => {
    writeFileSync(join(dir, 'missing.yaml'), 'date: 2026-03-27\norders: nope/orders.csv\nsteps:\n  - at: "08:30"\n');
    const r = kaiheisen(['simulate', 'missing.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`シナリオの orders: に書かれたファイル ${join(dir, 'nope', 'orders.csv')} がありません`);
    expect(r.stderr).not.toContain('予期しない');
  });

  it('plays on the package\'s examples; a failed expectation quotes the received messages without personal data', () => {
    const script = 'date: 2026-03-27\nsteps:\n  - at: "08:30"\n  - { as: w02, expect: { contains: ありえない文言, since: start } }\n';
    writeFileSync(join(dir, 'fails.yaml'), script);
    const r = kaiheisen(['simulate', 'fails.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('シナリオ失敗: 手順 2 (確認): w02 宛に「ありえない文言」を含むメッセージがありません');
    // The morning post's first order of w02, as the example export has it: number, kind and town stay.
    const quoted = /\d\. (20260327-\d{4}) (開栓|閉栓|名変) \/ 住所: (\S+)\(番地以下省略\)/.exec(r.stderr);
    expect(quoted, r.stderr).not.toBeNull();
    const row = readFileSync(EXAMPLE_ORDERS, 'utf8').split('\n').find((l) => l.startsWith(`${quoted![1]},`))!.split(',');
    const [customerNumber, name, , address, , , , , , , , phone] = row.slice(3);
    expect(phone).toMatch(/^0\d{1,4}-/);
    expect(address).toContain(quoted![3]);
    for (const personal of [address, name, customerNumber, phone]) expect(r.stderr).not.toContain(personal);
    expect(r.stderr).not.toMatch(/\d+丁目\d+-\d+/);
  }, 120_000);
});
