import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../../../src/cli/index.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import { SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

async function cli(argv: string[], extraEnv: Record<string, string> = {}, stdin?: string) {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), ...extraEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s), stdin: stdin === undefined ? undefined : Readable.from([stdin]) });
  return { code, out, err };
}

/** The first load of a fresh database needs no operator: it creates them. */
const loadTeam = async () => expect((await cli(['staff', 'load', 'examples/staff.yaml'])).code).toBe(0);

/** examples/staff.yaml with this test process's OS account mapped to `id`. */
function staffFileMapping(id: string): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as { people: { id: string; osUser?: string }[] };
  doc.people.find((p) => p.id === id)!.osUser = userInfo().username;
  const path = join(t.dir, `staff-${id}.yaml`);
  writeFileSync(path, stringify(doc));
  return path;
}

const audits = (action: string) => t.db.read.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } });

describe('CLI operator identity (security annex art. 18): a claimed id is not an identity', () => {
  it('refuses --by or KAIHEISEN_OPERATOR without a password or an OS mapping, saying how to authenticate', async () => {
    await loadTeam();
    for (const run of [() => cli(['import', SAMPLE_UTF8_BOM, '--by', 'c01']), () => cli(['import', SAMPLE_UTF8_BOM], { KAIHEISEN_OPERATOR: 'c01' })]) {
      const r = await run();
      expect(r.code).toBe(1);
      expect(r.err).toContain('c01 さんにはパスワードが設定されていないため');
      expect(r.err).toContain('osUser');
    }
    await givePasswords(t.db, ['c01']);
    const noPassword = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'c01']);
    expect(noPassword.err).toContain('KAIHEISEN_OPERATOR_PASSWORD');
    const nobody = await cli(['import', SAMPLE_UTF8_BOM]);
    expect(nobody.err).toContain(`OS のアカウント ${userInfo().username} は職員ファイルの osUser に登録されていません`);
    expect(await t.db.read.workOrder.count()).toBe(0);
  });

  it('refuses a wrong password and audits the attempt under the claimed id', async () => {
    await loadTeam();
    await givePasswords(t.db, ['c01']);
    const r = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'c01'], { KAIHEISEN_OPERATOR_PASSWORD: 'not-the-password' });
    expect(r).toMatchObject({ code: 1 });
    expect(r.err).toContain('c01 さんのパスワードが違います');
    expect((await audits('operator.authFailed')).map((a) => [a.actorId, a.channel, a.entityId])).toEqual([['c01', 'cli', 'c01']]);
    expect(await t.db.read.workOrder.count()).toBe(0);
  });

  it('accepts the password from KAIHEISEN_OPERATOR_PASSWORD or --password-stdin and audits the real operator', async () => {
    await loadTeam();
    await givePasswords(t.db, ['c01', 'w01']);
    expect((await cli(['import', SAMPLE_UTF8_BOM, '--by', 'c01', '--json'], operatorEnv)).code).toBe(0);
    expect((await cli(['import', SAMPLE_UTF8_BOM, '--password-stdin'], { KAIHEISEN_OPERATOR: 'w01' }, `${operatorEnv.KAIHEISEN_OPERATOR_PASSWORD}\n`)).code).toBe(0);
    const imports = await t.db.read.auditLog.findMany({ where: { entity: 'import' }, orderBy: { id: 'asc' } });
    expect(imports.map((a) => a.actorId)).toEqual(['c01', 'w01']);
    expect((await audits('operator.allowed')).map((a) => [a.actorId, a.entityId])).toEqual([['c01', 'importOrders'], ['w01', 'importOrders']]);
  });

  it('the OS account mapped in the staff file is the operator; another id still needs its own password', async () => {
    await loadTeam();
    await givePasswords(t.db, ['w01']);
    expect((await cli(['staff', 'load', staffFileMapping('c01'), '--by', 'w01'], operatorEnv)).code).toBe(0);
    expect((await cli(['import', SAMPLE_UTF8_BOM, '--json'])).code).toBe(0);
    const imported = await t.db.read.auditLog.findFirst({ where: { entity: 'import' } });
    expect(imported?.actorId).toBe('c01');
    const asWorker = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'w03']);
    expect(asWorker.code).toBe(1);
    expect(asWorker.err).toContain('w03 さんにはパスワードが設定されていない');
  });

  it('an unknown --by is refused and audited: no person to name, the claimed id in the detail', async () => {
    await loadTeam();
    const r = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'zz9'], operatorEnv);
    expect(r.code).toBe(1);
    expect(r.err).toContain('職員ID zz9 は登録されていないか、無効化されています');
    const [row, ...more] = await audits('operator.authFailed');
    expect(more).toEqual([]);
    expect(row).toMatchObject({ actorId: null, channel: 'cli', entity: 'Person', entityId: 'zz9' });
    expect(JSON.parse(row!.after!)).toEqual({ osUser: userInfo().username, claimedId: 'zz9', reason: 'unknown' });
  });

  it('an OS account mapped to someone else is not offered again for a claimed id without a password', async () => {
    await loadTeam();
    await givePasswords(t.db, ['w01']);
    expect((await cli(['staff', 'load', staffFileMapping('w01'), '--by', 'w01'], operatorEnv)).code).toBe(0);
    const r = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'c01']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`この OS のアカウント ${userInfo().username} は w01 さんとして登録済み`);
    expect(r.err).toContain('kaiheisen staff password c01');
    expect(r.err).not.toContain('osUser に登録する');
    expect((await audits('operator.authFailed')).map((a) => [a.actorId, a.entityId, JSON.parse(a.after!).reason])).toEqual([['c01', 'c01', 'noPassword']]);
  });

  it('a refused role is audited with the authenticated id and names whom to ask', async () => {
    await loadTeam();
    await givePasswords(t.db, ['w03']);
    const r = await cli(['import', SAMPLE_UTF8_BOM, '--by', 'w03'], operatorEnv);
    expect(r.code).toBe(1);
    expect(r.err).toContain('w03 さんには「作業データの取り込み」の権限がありません。権限のある次の方に依頼してください: c01 想定 一郎、w01 架空 太郎');
    expect((await audits('operator.refused')).map((a) => [a.actorId, a.entityId])).toEqual([['w03', 'importOrders']]);
  });
});

describe('kaiheisen staff password', () => {
  const SECRET = 'correct horse battery';

  it('bootstrap: the owner of the database file sets the first password; later only the person or an admin', async () => {
    await loadTeam();
    const first = await cli(['staff', 'password', 'w01', '--password-stdin'], {}, `${SECRET}\n`);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain(TEST_DIALECT === 'sqlite' ? 'データベースファイルの所有者' : 'DATABASE_URL で接続できる');
    // Nobody authenticated, and a password exists now: refused and audited.
    const second = await cli(['staff', 'password', 'w02', '--password-stdin'], {}, 'another password\n');
    expect(second.code).toBe(1);
    expect(second.err).toContain('本人');
    expect((await audits('operator.passwordRefused')).map((a) => a.entityId)).toEqual(['w02']);
    // The admin w01, authenticated by password, sets w03's; w03 then changes its own with the current one.
    expect((await cli(['staff', 'password', 'w03', '--by', 'w01', '--password-stdin'], { KAIHEISEN_OPERATOR_PASSWORD: SECRET }, 'w03 first password\n')).code).toBe(0);
    expect((await cli(['staff', 'password', 'w03', '--password-stdin'], { KAIHEISEN_OPERATOR_PASSWORD: 'w03 first password' }, 'w03 second password\n')).code).toBe(0);
    // w03 (a worker) may not set someone else's.
    const byWorker = await cli(['staff', 'password', 'w02', '--by', 'w03', '--password-stdin'], { KAIHEISEN_OPERATOR_PASSWORD: 'w03 second password' }, 'x'.repeat(12));
    expect(byWorker.code).toBe(1);
    expect((await audits('operator.passwordSet')).map((a) => [a.actorId, a.entityId])).toEqual([['w01', 'w01'], ['w01', 'w03'], ['w03', 'w03']]);
    expect((await cli(['staff', 'list', '--by', 'w01'], { KAIHEISEN_OPERATOR_PASSWORD: SECRET })).code).toBe(0);
  });

  it('refuses a short password and stores only a salted scrypt hash: the password is in no file and no output', async () => {
    await loadTeam();
    const short = await cli(['staff', 'password', 'w01', '--password-stdin'], {}, 'short\n');
    expect(short.code).toBe(1);
    expect(short.err).toContain('10 文字以上');
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (writes.push(String(s)), true));
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (writes.push(String(s)), true));
    try {
      const set = await cli(['staff', 'password', 'w01', '--password-stdin'], { KAIHEISEN_LOG_LEVEL: 'debug' }, `${SECRET}\n`);
      const used = await cli(['staff', 'list', '--by', 'w01'], { KAIHEISEN_LOG_LEVEL: 'debug', KAIHEISEN_OPERATOR_PASSWORD: SECRET });
      const wrong = await cli(['staff', 'list', '--by', 'w01'], { KAIHEISEN_LOG_LEVEL: 'debug', KAIHEISEN_OPERATOR_PASSWORD: `${SECRET}!` });
      expect([set.code, used.code, wrong.code]).toEqual([0, 0, 1]);
      writes.push(set.out, set.err, used.out, used.err, wrong.out, wrong.err);
    } finally {
      spy.mockRestore();
      outSpy.mockRestore();
    }
    expect(writes.join('')).not.toContain('horse');
    const row = await t.db.read.operatorCredential.findUniqueOrThrow({ where: { personId: 'w01' } });
    expect(row.hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    // The database and its WAL: neither holds the password.
    for (const file of readdirSync(t.dir)) expect(readFileSync(join(t.dir, file)).includes(Buffer.from('horse'))).toBe(false);
    const auditText = JSON.stringify(await t.db.read.auditLog.findMany());
    expect(auditText).not.toContain('horse');
  });
});

describe('staff load and ID cards (spec 9(4))', () => {
  it('asks for the ID card of whoever the load deactivates', async () => {
    await loadTeam();
    await givePasswords(t.db, ['w01']);
    const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as { people: { id: string }[]; defaultStaffing: { workers: string[] } };
    doc.people = doc.people.filter((p) => p.id !== 'w06');
    doc.defaultStaffing.workers = doc.defaultStaffing.workers.filter((id) => id !== 'w06');
    const path = join(t.dir, 'without-w06.yaml');
    writeFileSync(path, stringify(doc));
    const r = await cli(['staff', 'load', path, '--by', 'w01'], operatorEnv);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('無効化: w06');
    expect(r.out).toMatch(/w06 .*身分証明書 \(番号 KS-2025-006\) を局へ返却してください/);
    expect(r.out).toContain('idCard.returnedOn');
  });
});
