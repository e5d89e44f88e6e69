import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../../src/adapters/crypto/field-cipher.ts';
import { readKeyFile, writeKeyFile } from '../../../src/adapters/crypto/keyring.ts';
import { developmentKeyFile } from '../../../src/adapters/db/data-key-setup.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import { createAppContext } from '../../../src/assembly/context.ts';
import { runCli } from '../../../src/cli/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { testKey, testKeyring } from '../../support/test-cipher.ts';
import { grantAdminInFile, operatorEnv } from '../../support/operator.ts';

/**
 * Security annex art. 11, 12, 16: the data key never lives with the data, and what holds personal data or keys is
 * the owner's alone. Real files, the real CLI (in this process and as `node bin/kaiheisen.mjs`).
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_|CREDENTIALS_DIRECTORY$|XDG_CONFIG_HOME$)/;
const SLACK_ENV = { SLACK_BOT_TOKEN: 'xoxb-keys-apart-0001', SLACK_SIGNING_SECRET: 'keys-apart-signing-secret', SLACK_MODE: 'http' };

let root = '';
let dataDir = '';
let configHome = '';
let dbPath = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kaiheisen-keys-apart-'));
  dataDir = join(root, 'data');
  configHome = join(root, 'config');
  dbPath = join(dataDir, 'kaiheisen.db');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const baseEnv = () => ({ DATABASE_URL: `file:${dbPath}`, XDG_CONFIG_HOME: configHome, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // Commands on protected data are run by an authenticated admin (security annex art. 18).
  if (existsSync(dbPath)) await grantAdminInFile(dbPath);
  const code = await runCli(args, { env: { ...baseEnv(), KAIHEISEN_OPERATOR: 'a01', ...operatorEnv, ...env }, out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** `node bin/kaiheisen.mjs ARGS` with only the given settings (and this test's configuration folder). */
async function kaiheisenProcess(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const child = spawn(process.execPath, ['bin/kaiheisen.mjs', ...args], { cwd: ROOT, env: { ...inherited, ...baseEnv(), KAIHEISEN_LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdin!.end(input);
  return { code: await exited, output };
}

/** A database as versions before the split left it: the key file next to it, the files 0644 in a 0755 folder. */
async function oldLayoutDatabase(): Promise<string> {
  const oldKey = join(dataDir, 'kaiheisen.key');
  writeKeyFile(oldKey, testKeyring('old'));
  const db = await openDatabase(`file:${dbPath}`, { cipher: new FieldCipher(readKeyFile(oldKey)) });
  await db.write((tx) =>
    tx.workOrder.create({ data: { orderNo: 'OLD-1', kind: 'open', scheduledDate: '2026-03-27', address: '金沢市', town: '町', contentHash: 'h', customerName: '旧版 太郎', phone: '076-1' } }),
  );
  await db.close();
  chmodSync(dbPath, 0o644);
  chmodSync(dataDir, 0o755);
  return oldKey;
}

describe('the data key, apart from the data', () => {
  it('with Slack configured and no key, `kaiheisen start` refuses, naming KAIHEISEN_DATA_KEY_FILE, and writes nothing', async () => {
    const { code, output } = await kaiheisenProcess(['start'], SLACK_ENV);
    expect(code).not.toBe(0);
    expect(output).toContain('Slack・Teams で動かすときは、個人情報の暗号鍵を KAIHEISEN_DATA_KEY_FILE (鍵ファイルのパス) か KAIHEISEN_DATA_KEY で指定してください');
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(configHome)).toBe(false);
  });

  it('the demo makes a labelled development key in XDG_CONFIG_HOME, says so once, and puts nothing key-like next to the database', async () => {
    const first = await kaiheisenProcess(['start'], { KAIHEISEN_LOAD_EXAMPLES: 'true' }, '/quit\n');
    expect(first.code, first.output).toBe(0);
    const keyFile = developmentKeyFile(join(configHome, 'kaiheisen'), dbPath);
    expect(first.output).toContain(`開発用の暗号鍵を作りました: ${keyFile}`);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ purpose: 'development', label: expect.stringContaining('開発用の鍵'), database: dbPath });
    expect([modeOf(keyFile), modeOf(join(configHome, 'kaiheisen'))]).toEqual(['600', '700']);
    const key = readKeyFile(keyFile).current.key.toString('base64');
    for (const name of readdirSync(dataDir, { recursive: true }) as string[]) {
      expect(name).not.toMatch(/key/i);
      const path = join(dataDir, name);
      if (statSync(path).isFile()) expect(readFileSync(path).includes(key)).toBe(false);
    }
    expect([modeOf(dataDir), modeOf(dbPath)]).toEqual(['700', '600']);

    // The examples are encrypted under that key; the next start finds it and says nothing about keys.
    const second = await kaiheisenProcess(['start'], {}, '/quit\n');
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('暗号鍵');
    const status = await cli(['keys', 'status']);
    expect(status.out).toContain(`暗号鍵: 鍵ファイル ${keyFile}`);
    expect(status.out).toMatch(/使用中の項目 [1-9]\d* 件/);
  }, 120_000);

  it('a simulation on its temporary database keeps its key in memory: no key file anywhere', async () => {
    const run = await cli(['simulate', join(ROOT, 'examples/simulate/day.yaml')]);
    expect(run.code, run.err).toBe(0);
    expect(existsSync(configHome)).toBe(false);
  });

  it('refuses a key file inside the database folder (also its backups), and takes one outside it or from systemd credentials', async () => {
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    for (const inside of [join(dataDir, 'kaiheisen-data-key'), join(dataDir, 'backups', 'key.json')]) {
      writeKeyFile(inside, testKeyring());
      const run = await cli(['keys', 'status'], { ...SLACK_ENV, KAIHEISEN_DATA_KEY_FILE: inside });
      expect(run.code).toBe(1);
      expect(run.err).toContain(`KAIHEISEN_DATA_KEY_FILE の鍵ファイル ${inside} がデータベースのフォルダ ${dataDir} の中にあります`);
    }
    rmSync(dataDir, { recursive: true });

    const outside = join(root, 'secrets', 'kaiheisen-data-key');
    mkdirSync(join(root, 'secrets'), { mode: 0o700 });
    writeFileSync(outside, `${testKey().key.toString('base64')}\n`, { mode: 0o600 });
    await (await openDatabase(`file:${dbPath}`, { cipher: new FieldCipher(readKeyFile(outside)) })).close();
    const given = await cli(['keys', 'status'], { ...SLACK_ENV, KAIHEISEN_DATA_KEY_FILE: outside });
    expect(given.err).toBe('');
    expect(given.out).toContain(`暗号鍵: 鍵ファイル ${outside} (現在の鍵 ${testKey().id})`);
    const credential = await cli(['keys', 'status'], { ...SLACK_ENV, CREDENTIALS_DIRECTORY: join(root, 'secrets') });
    expect(credential.out).toContain(`暗号鍵: 鍵ファイル ${outside} (現在の鍵 ${testKey().id})`);
    expect(existsSync(configHome)).toBe(false);
  });

  it('an old-layout database still opens: refused with instructions when Slack is configured, moved out of the data folder by the demo', async () => {
    const oldKey = await oldLayoutDatabase();
    const refused = await cli(['keys', 'status'], SLACK_ENV);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`データベースの隣に以前の鍵ファイル ${oldKey} があります。データのフォルダの外 (例: /etc/kaiheisen/kaiheisen-data-key) へ移し、KAIHEISEN_DATA_KEY_FILE にそのパスを指定してください`);
    expect(readKeyFile(oldKey).current.id).toBe(testKey('old').id);

    // The demo's start (the context `kaiheisen start` opens), then the CLI on the same database.
    const notices: string[] = [];
    const logs: string[] = [];
    const logger = createLogger('info', (line) => void logs.push(line));
    const ctx = await createAppContext(loadConfig(baseEnv()), { notice: (text) => void notices.push(text), logger });
    const keyFile = developmentKeyFile(join(configHome, 'kaiheisen'), dbPath);
    try {
      expect(notices).toEqual([
        `データベースの隣にあった鍵ファイル ${oldKey} を、開発用の鍵として ${keyFile} へ移しました (データのフォルダには鍵を置きません)`,
        // The key check reads the data first (read-only, WAL): its -wal and -shm took the file's old mode, and are narrowed too.
        `データベースのファイル・フォルダを所有者だけが読み書きできる権限に直しました: ${dbPath}, ${dbPath}-wal, ${dbPath}-shm, ${dataDir}`,
      ]);
      expect((await ctx.db.read.workOrder.findFirstOrThrow()).customerName).toBe('旧版 太郎');
      // The person reads Japanese; the log (runbook: English) says the same in English.
      const logged = logs.map((l) => JSON.parse(l) as { level: string; msg: string });
      expect(logged).toEqual([
        expect.objectContaining({ level: 'info', msg: 'development data key moved out of the database folder' }),
        expect.objectContaining({ level: 'warn', msg: 'database file and folder modes narrowed to the owner' }),
      ]);
    } finally {
      await ctx.close();
    }
    expect(existsSync(oldKey)).toBe(false);
    expect([modeOf(dbPath), modeOf(dataDir), modeOf(keyFile)]).toEqual(['600', '700', '600']);
    expect(readKeyFile(keyFile).keys.map((k) => k.id)).toEqual([testKey('old').id]);

    const status = await cli(['keys', 'status']);
    expect(status).toMatchObject({ code: 0, err: '' });
    expect(status.out).toContain(`暗号鍵: 鍵ファイル ${keyFile} (現在の鍵 ${testKey('old').id})`);
    const again: string[] = [];
    await (await createAppContext(loadConfig(baseEnv()), { notice: (text) => void again.push(text) })).close();
    expect(again).toEqual([]);
  });
});

describe('files that hold personal data or keys are the owner\'s alone', () => {
  it('0600 in 0700 whatever the umask: the database with its -wal and -shm, the key, backups, reports and exports', async () => {
    const umask = process.umask(0o022);
    try {
      const ctx = await createAppContext(loadConfig(baseEnv()), { notice: () => undefined });
      try {
        await ctx.db.write((tx) => tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '作業 一郎' } }));
        expect(['', '-wal', '-shm'].map((s) => modeOf(`${dbPath}${s}`))).toEqual(['600', '600', '600']);
        expect(modeOf(dataDir)).toBe('700');
        const keyFile = developmentKeyFile(ctx.config.dataKey.devKeyDir, dbPath);
        expect([modeOf(keyFile), modeOf(join(configHome, 'kaiheisen')), modeOf(configHome)]).toEqual(['600', '700', '700']);
      } finally {
        await ctx.close();
      }

      expect((await cli(['backup'])).code).toBe(0);
      const backups = join(dataDir, 'backups');
      expect([modeOf(backups), ...readdirSync(backups).map((f) => modeOf(join(backups, f)))]).toEqual(['700', '600']);

      const reports = join(root, 'out', 'reports');
      mkdirSync(reports, { recursive: true, mode: 0o755 });
      mkdirSync(join(reports, 'sub'), { mode: 0o755 }); // report outputs never create folders: the operator's own
      writeFileSync(join(reports, 'monthly.csv'), 'an older file\n', { mode: 0o644 });
      const report = await cli(['report', 'monthly', '--month', '2026-03', '--out', join(reports, 'sub', 'monthly.pdf'), '--csv', join(reports, 'monthly.csv'), '--force']);
      expect(report.code, report.err).toBe(0);
      expect([modeOf(join(reports, 'sub', 'monthly.pdf')), modeOf(join(reports, 'monthly.csv'))]).toEqual(['600', '600']);

      const exported = join(root, 'out', 'handover', 'next');
      expect((await cli(['export', '--out', exported, '--print-password'])).code).toBe(0);
      expect([modeOf(join(root, 'out', 'handover')), modeOf(`${exported}.zip`)]).toEqual(['700', '600']);
    } finally {
      process.umask(umask);
    }
  });
});
