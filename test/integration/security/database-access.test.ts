import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { testCipher } from '../../support/test-cipher.ts';

/**
 * Who may open the SQLite file (security annex art. 12: 0600 in 0700, the owner's alone), through the real CLI as its
 * own process: another OS account is told whose the database is and how to run as that account, and no development
 * key is made for it first. The other account is `nobody` (uid 65534), which the test can only become as root.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_|CREDENTIALS_DIRECTORY$|XDG_CONFIG_HOME$|HOME$)/;
const OTHER_UID = 65534;
const asRoot = process.getuid?.() === 0;
/** Root, and a checkout the other account can read (a clone inside a 0700 folder cannot be run as `nobody`). */
const otherCanRun = asRoot && spawnSync(process.execPath, ['-e', `for (const f of ${JSON.stringify([join(ROOT, 'bin', 'kaiheisen.mjs'), join(ROOT, 'node_modules', 'tsx', 'package.json')])}) require('node:fs').accessSync(f, 4)`], { uid: OTHER_UID, gid: OTHER_UID }).status === 0;
const nameOf = (uid: number): string => execFileSync('getent', ['passwd', String(uid)], { encoding: 'utf8' }).split(':')[0]!;

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kaiheisen-access-'));
  chmodSync(root, 0o755); // others may pass through to the data folder, as /srv or /var/lib would let them
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** `node bin/kaiheisen.mjs ARGS` with only the given settings, as `uid` (and its group) when given. */
async function kaiheisen(args: string[], env: Record<string, string>, uid?: number): Promise<{ code: number | null; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const identity = uid === undefined ? {} : { uid, gid: uid };
  const child = spawn(process.execPath, ['bin/kaiheisen.mjs', ...args], { cwd: ROOT, env: { ...inherited, KAIHEISEN_LOG_LEVEL: 'warn', KAIHEISEN_LOAD_EXAMPLES: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...identity });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

/** A home folder of the other account. */
function homeOf(uid: number, name: string): string {
  const home = join(root, name);
  mkdirSync(home, { mode: 0o700 });
  chownSync(home, uid, uid);
  return home;
}

describe('the SQLite file and the OS account that runs the CLI', () => {
  it.skipIf(!otherCanRun)('another account is told whose database it is and to run as that account; no development key is made for it (needs root to act as uid 65534, and a checkout it can read)', async () => {
    const dbPath = join(root, 'data', 'kaiheisen.db');
    await (await openDatabase(`file:${dbPath}`, { cipher: testCipher() })).close(); // made by its owner (root): 0600 in 0700

    const home = homeOf(OTHER_UID, 'other-home');
    const other = { HOME: home, DATABASE_URL: `file:${dbPath}` }; // XDG_CONFIG_HOME unset: ~/.config
    const refused = await kaiheisen(['status'], other, OTHER_UID);
    expect(refused.code).toBe(1);
    const me = nameOf(OTHER_UID);
    expect(refused.stderr).toContain(`データベース ${dbPath} を開けません: ${join(root, 'data')} の所有者は OS アカウント root (権限 0700) で、このアカウント (${me}) はこのフォルダに入れません。`);
    expect(refused.stderr).toContain('root として実行してください (例: sudo -u root npx kaiheisen <コマンド> --by <職員ID>)');
    expect(refused.stderr).not.toContain('予期しないエラー');
    expect(readdirSync(home)).toEqual([]); // no ~/.config/kaiheisen/development-key-*.json

    // A folder others may enter (a group setup narrowed again): the file itself is named.
    chmodSync(join(root, 'data'), 0o755);
    const file = await kaiheisen(['status'], other, OTHER_UID);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain(`データベース ${dbPath} を開けません: ${dbPath} の所有者は OS アカウント root (権限 0600) で、このアカウント (${me}) はこのファイルを読み書きできません。`);
    expect(readdirSync(home)).toEqual([]);

    // A new database where this account may not write.
    const fresh = await kaiheisen(['status'], { ...other, DATABASE_URL: `file:${join(root, 'data', 'sub', 'new.db')}` }, OTHER_UID);
    expect(fresh.stderr).toContain(`データベース ${join(root, 'data', 'sub', 'new.db')} を作れません: ${join(root, 'data')} の所有者は OS アカウント root (権限 0755)`);
    expect(readdirSync(home)).toEqual([]);
  }, 180_000);

  it('a development key made for a database whose file then cannot be created is removed again', async () => {
    const blocker = join(root, 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be\n');
    const configHome = join(root, 'config');
    const run = await kaiheisen(['status'], { HOME: join(root, 'home'), XDG_CONFIG_HOME: configHome, DATABASE_URL: `file:${join(blocker, 'kaiheisen.db')}`, KAIHEISEN_LOG_LEVEL: 'info' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('development data key created'); // made, then the open failed (ENOTDIR)
    expect(existsSync(join(configHome, 'kaiheisen')) ? readdirSync(join(configHome, 'kaiheisen')) : []).toEqual([]);
  }, 120_000);

  it('a database in the home folder itself: the refusal names the development key folder actually used (~/.config/kaiheisen)', async () => {
    const home = join(root, 'home');
    mkdirSync(home, { mode: 0o700 });
    const run = await kaiheisen(['status'], { HOME: home, DATABASE_URL: `file:${join(home, 'kaiheisen.db')}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `開発用の鍵を置くフォルダ ${join(home, '.config', 'kaiheisen')} (XDG_CONFIG_HOME が未設定のときの ~/.config/kaiheisen) がデータベースのフォルダ ${home} の中にあります。`,
    );
    expect(run.stderr).toContain(`DATABASE_URL=file:${join(home, 'kaiheisen-data', 'kaiheisen.db')}`);
    expect(run.stderr).not.toContain('XDG_CONFIG_HOME の鍵ファイル');
    expect(existsSync(join(home, '.config'))).toBe(false);
  }, 120_000);
});
