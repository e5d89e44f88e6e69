import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../../src/adapters/crypto/field-cipher.ts';
import { readKeyFile, writeKeyFile } from '../../../src/adapters/crypto/keyring.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { runCli } from '../../../src/cli/index.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';
import { testKey, testKeyring } from '../../support/test-cipher.ts';
import { TEST_DIALECT, tempDatabaseUrl } from '../../support/temp-db.ts';

/**
 * The data key and the backups made with it (security annex art. 11, 21-3), through the real CLI on the dialect under
 * test: no key file where the backups are (KAIHEISEN_SHARED_DIR), and no key retired while a backup made with it is
 * still there, wherever `backup --out` wrote it.
 */
let dir = '';
let drop: () => Promise<void> = async () => undefined;
afterEach(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A database with an admin (a01, the test password), its key file outside every data folder, and a shared folder. */
async function installation(): Promise<{ env: Record<string, string>; keyFile: string; shared: string }> {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-keys-backups-'));
  const target = await tempDatabaseUrl(join(dir, 'data')); // SQLite: the data folder is apart from the shared one
  drop = target.drop;
  const keyFile = join(dir, 'secrets', 'keys.json');
  writeKeyFile(keyFile, testKeyring('old'));
  const db = await openDatabase(target.url, { cipher: new FieldCipher(readKeyFile(keyFile)) });
  try {
    await addAdmin(db);
    await givePasswords(db, ['a01']);
  } finally {
    await db.close();
  }
  const shared = join(dir, 'shared');
  const env = { DATABASE_URL: target.url, KAIHEISEN_SHARED_DIR: shared, KAIHEISEN_DATA_KEY_FILE: keyFile, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv };
  return { env, keyFile, shared };
}

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { env, out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe(`the data key and the backups (${TEST_DIALECT})`, () => {
  it('a key file inside KAIHEISEN_SHARED_DIR (its backups/, a credential there) is refused like one in the data folder', async () => {
    const { env, shared } = await installation();
    const inside = join(shared, 'backups', 'key.json');
    writeKeyFile(inside, testKeyring('old'));
    const second = join(shared, 'backups', 'second.db.enc');
    const refused = await cli(['backup', '--out', second], { ...env, KAIHEISEN_DATA_KEY_FILE: inside });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`KAIHEISEN_DATA_KEY_FILE の鍵ファイル ${inside} が共有フォルダ KAIHEISEN_SHARED_DIR (${shared}) の中にあります`);
    expect(existsSync(second)).toBe(false);

    writeKeyFile(join(shared, 'credentials', 'kaiheisen-data-key'), testKeyring('old'));
    const { KAIHEISEN_DATA_KEY_FILE: _, ...withoutFile } = env;
    const credential = await cli(['keys', 'status'], { ...withoutFile, CREDENTIALS_DIRECTORY: join(shared, 'credentials') });
    expect(credential.code).toBe(1);
    expect(credential.err).toContain(`CREDENTIALS_DIRECTORY (kaiheisen-data-key) の鍵ファイル ${join(shared, 'credentials', 'kaiheisen-data-key')} が共有フォルダ`);

    // The same key outside the shared folder is taken.
    const taken = await cli(['keys', 'status'], env);
    expect(taken.err).toBe('');
    expect(taken.out).toContain(`(現在の鍵 ${testKey('old').id})`);
  });

  it('`keys retire` is refused while a backup made with the key exists, also one written with --out, and names them', async () => {
    const { env, keyFile, shared } = await installation();
    const elsewhere = join(dir, 'offsite', 'b1.db.enc');
    expect((await cli(['backup', '--out', elsewhere], env)).code).toBe(0);
    const inFolder = await cli(['backup'], env);
    expect(inFolder.code, inFolder.err).toBe(0);
    const oldId = testKey('old').id;
    expect((await cli(['keys', 'rotate'], env)).code).toBe(0);
    const newId = readKeyFile(keyFile).current.id;
    // A backup made after the rotation is under the new key: it does not hold the old one back.
    expect((await cli(['backup', '--out', join(dir, 'offsite', 'b2.db.enc')], env)).code).toBe(0);

    const refused = await cli(['keys', 'retire', oldId], env);
    expect(refused.code).toBe(1);
    const defaultBackup = join(shared, 'backups', `${/kaiheisen-\d{8}-\d{6}\.db\.enc/.exec(inFolder.out)![0]}`);
    expect(refused.err).toContain(`鍵 ${oldId} で暗号化されたバックアップが 2 件あります: ${elsewhere}、${defaultBackup}。鍵を外すとこれらは復元できなくなります。`);
    expect(refused.err).toContain('restore で戻し');
    expect(refused.err).toContain('削除してから外してください');
    expect(refused.err).not.toContain('b2.db.enc');
    expect(readKeyFile(keyFile).keys.map((k) => k.id)).toEqual([oldId, newId]);

    // A backup that no longer exists does not block.
    rmSync(elsewhere);
    expect((await cli(['keys', 'retire', oldId], env)).err).toContain(`バックアップが 1 件あります: ${defaultBackup}。`);
    rmSync(defaultBackup);
    const retired = await cli(['keys', 'retire', oldId], env);
    expect(retired).toMatchObject({ code: 0, out: `鍵 ${oldId} をキーリングから外しました\n` });
    expect(readKeyFile(keyFile).keys.map((k) => k.id)).toEqual([newId]);
  });
});
