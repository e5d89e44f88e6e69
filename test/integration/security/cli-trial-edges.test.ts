import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';
import type { TempDatabase } from '../../support/temp-db.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import { SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';

/**
 * What a new operator met on the real CLI (real SQLite file, examples/staff.yaml: w01 admin, w03 a worker):
 * Ctrl+C at the password prompt, the --plain warning before a role refusal, two backups in the same minute.
 */
let t: TempDatabase;
const WORKER = 'w03';
const key = () => testKey().key.toString('base64');

async function cli(argv: string[], by: string, options: { password?: boolean; stdin?: NodeJS.ReadableStream } = {}) {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_DATA_KEY: key(), KAIHEISEN_OPERATOR: by, ...(options.password === false ? {} : operatorEnv) };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s), stdin: options.stdin });
  return { code, out, err };
}

/** A terminal on stdin where the person has pressed Ctrl+C (raw mode makes it a character, not a signal). */
function terminalPressingCtrlC(): NodeJS.ReadableStream {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  input.write('\u0003');
  return input;
}

const count = (action: string) => t.db.read.auditLog.count({ where: { action } });

beforeAll(async () => {
  t = await encryptedTempDatabase();
  await givePasswords(t.db, ['w01', 'c01', WORKER]);
  expect((await cli(['staff', 'load', 'examples/staff.yaml'], 'c01')).code).toBe(0);
  expect((await cli(['import', SAMPLE_UTF8_BOM], 'c01')).code).toBe(0);
});
afterAll(async () => {
  await t.dispose();
});

describe('Ctrl+C at the password prompt', () => {
  it('stops the export with 中止しました and exit code 130, nothing written or exported', async () => {
    const out = join(t.dir, 'interrupted');
    const run = await cli(['export', '--out', out, '--print-password'], 'w01', { password: false, stdin: terminalPressingCtrlC() });
    expect(run.err).toContain('w01 さんのパスワード');
    expect(run.err).toContain('中止しました');
    expect(run.err).not.toContain('予期しないエラー');
    expect(run.code).toBe(130);
    expect(existsSync(`${out}.zip`)).toBe(false);
    expect(await count('handover.exported')).toBe(0);
    expect(await count('operator.authFailed')).toBe(0);
  });

  it('stops `staff password` the same way, the password unchanged', async () => {
    const before = await t.db.read.operatorCredential.findUniqueOrThrow({ where: { personId: WORKER } });
    const run = await cli(['staff', 'password', WORKER], WORKER, { password: false, stdin: terminalPressingCtrlC() });
    expect(run.code, run.err).toBe(130);
    expect(run.err).toContain('中止しました');
    expect((await t.db.read.operatorCredential.findUniqueOrThrow({ where: { personId: WORKER } })).hash).toBe(before.hash);
  });
});

describe('--plain refused by role: no warning about an output that is never written', () => {
  const plainRuns: [string, string[]][] = [
    ['export', ['export', '--plain']],
    ['report staffing', ['report', 'staffing', '--date', '2026-03-27', '--plain']],
    ['report contact-chart', ['report', 'contact-chart', '--plain']],
    ['report id-card-request', ['report', 'id-card-request', '--plain']],
    ['report security-officers', ['report', 'security-officers', '--plain']],
    ['report system-users', ['report', 'system-users', '--plain']],
    ['report privacy-incident', ['report', 'privacy-incident', '--incident', '1', '--plain']],
  ];
  it.each(plainRuns)('%s', async (label, argv) => {
    const out = join(t.dir, `refused-${label.replaceAll(' ', '-')}`);
    const refused = await cli([...argv, '--out', out], WORKER);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('権限がありません');
    expect(refused.err).not.toContain('暗号化せずに');
    expect(existsSync(out)).toBe(false);
  });

  it('still warns when the command runs', async () => {
    const run = await cli(['report', 'staffing', '--date', '2026-03-27', '--plain', '--out', join(t.dir, 'staffing.pdf')], 'w01');
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain('暗号化せずに');
  });
});

describe('backups in the same minute', () => {
  it('each gets its own file (seconds, a suffix within a second), and restore takes the second', async () => {
    const first = await cli(['backup'], 'w01');
    const second = await cli(['backup'], 'w01');
    expect(first.code, first.err).toBe(0);
    expect(second.code, second.err).toBe(0);
    const files = readdirSync(join(t.dir, 'backups')).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^kaiheisen-\d{8}-\d{6}(-\d+)?\.db\.enc$/);
    const restored = await cli(['restore', join(t.dir, 'backups', files[1]!), '--force'], 'w01');
    expect(restored.code, restored.err).toBe(0);
  });
});
