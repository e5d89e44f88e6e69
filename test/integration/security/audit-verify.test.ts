import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { chainHash } from '../../../src/adapters/db/audit-chain.ts';
import { describeChainProblem, verifyAuditChain } from '../../../src/adapters/db/audit-verify.ts';
import { writeAudit } from '../../../src/adapters/db/audit-writer.ts';
import { runCli } from '../../../src/cli/index.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

/**
 * `audit verify` on either server, against an attacker who holds the database (on PostgreSQL: the owner of its
 * tables, as psql would give) but not the data key. Statements go around the product's connections.
 */
let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function seeded(count: number): Promise<TempDatabase> {
  const handle = await encryptedTempDatabase();
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.parse('2026-03-02T03:00:00Z') + i * 86_400_000);
    await handle.db.write((tx) => writeAudit(tx, at, { actorId: 'w01', channel: 'slack', action: 'result.recorded', entity: 'TaskResult', entityId: String(i + 1), after: { reading: 100 + i } }));
  }
  return handle;
}

/** Plain statements as the attacker's own session (`?` placeholders on both servers). */
async function attack(handle: TempDatabase, statements: [string, ...unknown[]][]): Promise<void> {
  if (TEST_DIALECT === 'sqlite') {
    const raw = new BetterSqlite3(handle.db.file!);
    try {
      for (const [sql, ...params] of statements) raw.prepare(sql).run(...params);
    } finally {
      raw.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: handle.url });
  await client.connect();
  try {
    for (const [sql, ...params] of statements) {
      let n = 0;
      await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    }
  } finally {
    await client.end();
  }
}

const verify = async (handle: TempDatabase) => {
  const report = await verifyAuditChain(handle.db, handle.db.auditSealer);
  return { ...report, text: report.problem ? describeChainProblem(report.problem) : '' };
};

const SQLITE_TRIGGERS = readFileSync(new URL('../../../prisma/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url), 'utf8');
const PG_TRIGGERS = readFileSync(new URL('../../../prisma/postgres/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url), 'utf8');
const recreate = (name: string) =>
  TEST_DIALECT === 'sqlite' ? new RegExp(`CREATE TRIGGER "${name}"[\\s\\S]*?END;`).exec(SQLITE_TRIGGERS)![0] : new RegExp(`CREATE TRIGGER "${name}"[^;]*;`).exec(PG_TRIGGERS)![0];
const rows = async (handle: TempDatabase) => handle.db.read.auditLog.findMany({ orderBy: { id: 'asc' } });

describe(`audit verify on ${TEST_DIALECT}`, () => {
  it('verifies an intact chain, and the next writes link after it', async () => {
    temp = await seeded(4);
    const report = await verify(temp);
    expect(report).toMatchObject({ rows: 4, problem: null, retiredKeyRows: 0 });
    expect(report.head).toBe((await rows(temp)).at(-1)!.hash);
    expect((await rows(temp)).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('detects a forged INSERT with a plausible hash but a wrong seal', async () => {
    temp = await seeded(3);
    const head = (await rows(temp)).at(-1)!;
    const at = new Date('2026-03-09T01:00:00Z');
    const forged = { id: 4, at, actorId: 'w02', channel: 'cli', action: 'result.corrected', entity: 'TaskResult', entityId: '3', before: null, after: '{}' };
    await attack(temp, [[
      `INSERT INTO "AuditLog" ("id", "at", "actorId", "channel", "action", "entity", "entityId", "after", "prevHash", "hash", "keyId", "seal")
        VALUES (4, ?, 'w02', 'cli', 'result.corrected', 'TaskResult', '3', '{}', ?, ?, ?, ?)`,
      at.toISOString().replace('Z', '+00:00'), head.hash, chainHash(head.hash!, forged), head.keyId, 'ab'.repeat(32),
    ]]);
    expect((await verify(temp)).text).toContain('行 4 (2026-03-09 10:00:00) の封印が合いません');
  });

  it('detects DROP TRIGGER + UPDATE + the trigger re-created, and a dropped trigger alone', async () => {
    temp = await seeded(3);
    const drop = TEST_DIALECT === 'sqlite' ? 'DROP TRIGGER "AuditLog_append_only_update"' : 'DROP TRIGGER "AuditLog_append_only_update" ON "AuditLog"';
    await attack(temp, [[drop], [`UPDATE "AuditLog" SET "actorId" = 'w09' WHERE "id" = 2`], [recreate('AuditLog_append_only_update')]]);
    expect((await verify(temp)).text).toContain('行 2 (2026-03-03 12:00:00) の内容が封印の後に変更されています');
    await attack(temp, [[drop]]);
    expect((await verify(temp)).text).toContain('追記専用を守るトリガー AuditLog_append_only_update がありません');
  });

  it('detects the newest rows deleted through the purge gate', async () => {
    temp = await seeded(5);
    await attack(temp, [
      [`UPDATE "AuditPurgeGate" SET "before" = ?`, '2099-01-01T00:00:00.000+00:00'],
      ['DELETE FROM "AuditLog" WHERE "id" >= 4'],
      [`UPDATE "AuditPurgeGate" SET "before" = NULL`],
    ]);
    expect((await verify(temp)).text).toContain('監査ログの末尾が、最後に記録された末尾 (行 5) と一致しません');
    // The next write does not paper over the cut: it links to the recorded head, and takes no id twice.
    await temp.db.write((tx) => writeAudit(tx, new Date('2026-03-20T00:00:00Z'), { actorId: null, channel: 'cli', action: 'x', entity: 'y' }));
    expect((await rows(temp)).at(-1)!.id).toBe(6);
    expect((await verify(temp)).problem).not.toBeNull();
  });
});

describe(`audit verify and keys through the CLI on ${TEST_DIALECT}`, () => {
  async function cli(url: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const env = { DATABASE_URL: url, KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv };
    const code = await runCli(args, { env, out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  it('verifies, reports a broken chain, and shows and re-encrypts the keys', async () => {
    temp = await seeded(3);
    await addAdmin(temp.db);
    await givePasswords(temp.db, ['a01']);
    const head = (await rows(temp)).at(-1)!.hash;
    const ok = await cli(temp.url, 'audit', 'verify');
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toContain(`照合値 ${head}`);
    const status = await cli(temp.url, 'keys', 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ source: 'env', current: testKey().id, plaintext: 0 });
    expect((await cli(temp.url, 'keys', 'rotate')).code).toBe(0); // environment: re-encrypted under the same key
    expect((await cli(temp.url, 'audit', 'verify')).code).toBe(0);
    await attack(temp, [['INSERT INTO "AuditLog" ("at", "channel", "action", "entity") VALUES (?, ?, ?, ?)', '2026-03-05T01:00:00.000+00:00', 'cli', 'x', 'y']]);
    const broken = await cli(temp.url, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('に封印がありません');
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('audit verify: what only PostgreSQL lets the table owner do', () => {
  it('detects a trigger disabled, and a trigger function replaced with one that lets everything through', async () => {
    temp = await seeded(2);
    await attack(temp, [['ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only_update"']]);
    expect((await verify(temp)).text).toContain('トリガー AuditLog_append_only_update が無効にされています');
    expect((await verify(temp)).problem).toEqual({ kind: 'triggerDisabled', trigger: 'AuditLog_append_only_update' });
    await attack(temp, [['ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only_update"']]);
    expect((await verify(temp)).problem).toBeNull();
    await attack(temp, [[`CREATE OR REPLACE FUNCTION "AuditLog_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$`]]);
    expect((await verify(temp)).text).toContain('AuditLog_refuse_update');
    await attack(temp, [[`UPDATE "AuditLog" SET "actorId" = 'w09' WHERE "id" = 1`]]);
    expect(((await rows(temp))[0]!.actorId)).toBe('w09');
  });

  it('detects TRUNCATE by the owner with the guard triggers dropped and re-created (the sequence reset too)', async () => {
    temp = await seeded(3);
    await attack(temp, [
      ['DROP TRIGGER "AuditLog_no_truncate" ON "AuditLog"'],
      ['DROP TRIGGER "AuditChainHead_no_truncate" ON "AuditChainHead"'],
      ['TRUNCATE "AuditLog", "AuditChainHead" RESTART IDENTITY'],
      [recreate('AuditLog_no_truncate')],
      [recreate('AuditChainHead_no_truncate')],
    ]);
    expect((await verify(temp)).problem).toEqual({ kind: 'headMissing' });
    // The next write cannot link to anything that verifies.
    await temp.db.write((tx) => writeAudit(tx, new Date('2026-03-20T00:00:00Z'), { actorId: null, channel: 'cli', action: 'x', entity: 'y' }));
    expect((await verify(temp)).problem).toMatchObject({ kind: 'link', id: 1 });
  });

  it('refuses TRUNCATE while the triggers stand', async () => {
    temp = await seeded(1);
    await expect(attack(temp, [['TRUNCATE "AuditChainHead"']])).rejects.toThrow(/cannot be truncated/);
    expect((await verify(temp)).problem).toBeNull();
  });
});
