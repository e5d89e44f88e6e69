import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../../src/adapters/crypto/field-cipher.ts';
import { readKeyFile, writeKeyFile } from '../../../src/adapters/crypto/keyring.ts';
import { chainHash } from '../../../src/adapters/db/audit-chain.ts';
import { writeAudit } from '../../../src/adapters/db/audit-writer.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { runCli } from '../../../src/cli/index.ts';
import { givePasswords, operatorEnv } from '../../support/operator.ts';
import { SAMPLE_UTF8_BOM } from '../../support/import-cli.ts';
import { testKey } from '../../support/test-cipher.ts';

/**
 * The audit chain on a real SQLite file through the real CLI; the attacker works on the file with better-sqlite3,
 * holding the database but not the data key.
 */
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface World {
  path: string;
  keyFile: string;
  cli(...args: string[]): Promise<{ code: number; out: string; err: string }>;
}

function world(): World {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-chain-'));
  mkdirSync(join(dir, 'data'));
  const path = join(dir, 'data', 'kaiheisen.db');
  const keyFile = join(dir, 'kaiheisen.key'); // apart from the data folder, as the product requires
  writeKeyFile(keyFile, { current: testKey(), keys: [testKey()] });
  return {
    path,
    keyFile,
    async cli(...args) {
      let out = '';
      let err = '';
      const env = { DATABASE_URL: `file:${path}`, KAIHEISEN_DATA_KEY_FILE: keyFile, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv };
      const code = await runCli(args, { env, out: (s) => (out += s), err: (s) => (err += s) });
      return { code, out, err };
    },
  };
}

/** Audit rows written as the product writes them (sealed by the Prisma extension), one a day from `first`. */
async function seed(w: World, first: string, count: number): Promise<void> {
  const db = await openDatabase(`file:${w.path}`, { cipher: new FieldCipher(readKeyFile(w.keyFile)) });
  try {
    await db.write((tx) => tx.person.upsert({ where: { id: 'a01' }, create: { id: 'a01', affiliation: 'contractor', name: '管理 一郎', isAdmin: true }, update: {} }));
    await givePasswords(db, ['a01']);
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.parse(`${first}T03:00:00Z`) + i * 86_400_000);
      await db.write((tx) => writeAudit(tx, at, { actorId: 'w01', channel: 'slack', action: 'result.recorded', entity: 'TaskResult', entityId: String(i + 1), after: { reading: 100 + i } }));
    }
  } finally {
    await db.close();
  }
}

function attack<T>(w: World, fn: (raw: BetterSqlite3.Database) => T): T {
  const raw = new BetterSqlite3(w.path);
  try {
    return fn(raw);
  } finally {
    raw.close();
  }
}

type Row = { id: number; hash: string; prevHash: string; keyId: string; seal: string };
const rows = (w: World) => attack(w, (raw) => raw.prepare('SELECT "id", "hash", "prevHash", "keyId", "seal" FROM "AuditLog" ORDER BY "id"').all() as Row[]);
const TRIGGERS = readFileSync(new URL('../../../prisma/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url), 'utf8');
const triggerSql = (name: string) => new RegExp(`CREATE TRIGGER "${name}"[\\s\\S]*?END;`).exec(TRIGGERS)![0];

describe('audit chain', () => {
  it('verifies an intact chain: row count and head hash, exit 0', async () => {
    const w = world();
    await seed(w, '2026-03-02', 6);
    const head = rows(w).at(-1)!;
    const run = await w.cli('audit', 'verify'); // the chain as found: the operator's audited check comes after
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toBe(`監査ログの連鎖は正常です: 6 件、照合値 ${head.hash}\n`);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.keyId).toBe(testKey().id);
    expect(rows(w).slice(1).every((r, i) => r.prevHash === rows(w)[i]!.hash)).toBe(true);
  });

  it('detects a forged INSERT with a plausible hash but a wrong seal, and one with no hash', async () => {
    const w = world();
    await seed(w, '2026-03-02', 4);
    const head = rows(w).at(-1)!;
    const at = new Date('2026-03-09T01:00:00Z');
    const forged = { id: 5, at, actorId: 'w02', channel: 'cli', action: 'result.corrected', entity: 'TaskResult', entityId: '3', before: null, after: '{}' };
    attack(w, (raw) =>
      raw.prepare(`INSERT INTO "AuditLog" ("id", "at", "actorId", "channel", "action", "entity", "entityId", "after", "prevHash", "hash", "keyId", "seal")
        VALUES (5, ?, 'w02', 'cli', 'result.corrected', 'TaskResult', '3', '{}', ?, ?, ?, ?)`)
        .run(at.toISOString().replace('Z', '+00:00'), head.hash, chainHash(head.hash, forged), head.keyId, 'ab'.repeat(32)),
    );
    const run = await w.cli('audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.err).toContain('監査ログの改ざんまたは欠落を検出しました: 行 5 (2026-03-09 10:00:00) の封印が合いません');

    const w2 = world();
    await seed(w2, '2026-03-02', 3);
    attack(w2, (raw) => raw.prepare(`INSERT INTO "AuditLog" ("at", "channel", "action", "entity") VALUES ('2026-03-05T01:00:00.000+00:00', 'cli', 'x', 'y')`).run());
    const bare = await w2.cli('audit', 'verify');
    expect(bare.code).toBe(1);
    expect(bare.err).toContain('行 4 (2026-03-05 10:00:00) に封印がありません');
    // The listing warns on top.
    const list = await w2.cli('audit', '--from', '2026-03-01', '--to', '2026-03-31');
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[0]).toBe('⚠ 注意: 監査ログの検証に失敗しました。この一覧は改ざんされている可能性があります: 行 4 (2026-03-05 10:00:00) に封印がありません (封印の仕組みを通らずに書き込まれた行です)');
  });

  it('detects a middle row deleted through the purge gate by hand', async () => {
    const w = world();
    await seed(w, '2026-03-02', 5);
    attack(w, (raw) => {
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = '2099-01-01T00:00:00.000+00:00'`).run();
      raw.prepare('DELETE FROM "AuditLog" WHERE "id" = 3').run();
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = NULL`).run();
    });
    const run = await w.cli('audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.err).toContain('行 4 (2026-03-05 12:00:00) が直前の行とつながりません');
  });

  it('detects the oldest rows deleted through the purge gate without a purge record', async () => {
    const w = world();
    await seed(w, '2026-03-02', 5);
    attack(w, (raw) => {
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = '2026-03-04T00:00:00.000+00:00'`).run();
      raw.prepare('DELETE FROM "AuditLog" WHERE "at" < ?').run('2026-03-04T00:00:00.000+00:00');
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = NULL`).run();
    });
    const run = await w.cli('audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.err).toContain('行 3 (2026-03-04 12:00:00) が直前の行とつながりません');
  });

  it('detects the newest rows deleted through the purge gate, and an edited head record', async () => {
    const w = world();
    await seed(w, '2026-03-02', 5);
    attack(w, (raw) => {
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = '2099-01-01T00:00:00.000+00:00'`).run();
      raw.prepare('DELETE FROM "AuditLog" WHERE "id" >= 4').run();
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = NULL`).run();
    });
    // Read-only, so that no write links after the cut before verify looks.
    const readOnly = () => attack(w, (raw) => raw.prepare('SELECT "id", "hash" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1').get() as { id: number; hash: string });
    const last = readOnly();
    expect(last.id).toBe(3);
    const run = await w.cli('audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.err).toContain('監査ログの末尾が、最後に記録された末尾 (行 5) と一致しません');
    // Pointing the head record at the remaining rows needs the key: the next write does not follow an unsealed head.
    attack(w, (raw) => {
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = '2099-01-01T00:00:00.000+00:00'`).run();
      raw.prepare('DELETE FROM "AuditLog" WHERE "id" >= 4').run();
      raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = NULL`).run();
      raw.prepare('UPDATE "AuditChainHead" SET "lastId" = ?, "hash" = ?').run(last.id, last.hash);
    });
    const edited = await w.cli('audit', 'verify');
    expect(edited.code).toBe(1);
    expect(edited.err).toContain('監査ログの改ざんまたは欠落を検出しました');
    attack(w, (raw) => raw.prepare('DELETE FROM "AuditChainHead"').run());
    expect((await w.cli('audit', 'verify')).code).toBe(1);
  });

  it('detects DROP TRIGGER + UPDATE + re-created trigger, and a dropped trigger alone', async () => {
    const w = world();
    await seed(w, '2026-03-02', 5);
    attack(w, (raw) => {
      raw.exec('DROP TRIGGER "AuditLog_append_only_update"');
      raw.prepare(`UPDATE "AuditLog" SET "actorId" = 'w09' WHERE "id" = 2`).run();
      raw.exec(triggerSql('AuditLog_append_only_update'));
    });
    const run = await w.cli('audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.err).toContain('行 2 (2026-03-03 12:00:00) の内容が封印の後に変更されています');

    const w2 = world();
    await seed(w2, '2026-03-02', 3);
    attack(w2, (raw) => raw.exec('DROP TRIGGER "AuditLog_append_only_delete"'));
    const dropped = await w2.cli('audit', 'verify');
    expect(dropped.code).toBe(1);
    expect(dropped.err).toContain('追記専用を守るトリガー AuditLog_append_only_delete がありません');
    // Re-created with a different body: reported as changed.
    attack(w2, (raw) => raw.exec(`CREATE TRIGGER "AuditLog_append_only_delete" BEFORE DELETE ON "AuditLog" WHEN 0 BEGIN SELECT 1; END`));
    expect((await w2.cli('audit', 'verify')).err).toContain('トリガー AuditLog_append_only_delete の定義が変更されています');
  });

  it('a normal purge leaves a chain that verifies; an edited chain start is detected', async () => {
    const w = world();
    await seed(w, '2020-01-06', 4);
    await seed(w, '2026-03-02', 2);
    const purge = await w.cli('purge', '--before', '2021-01-01', '--out', join(dir, 'disposal'));
    expect(purge.err).toBe('');
    expect(purge.code).toBe(0);
    const left = rows(w);
    expect(left).toHaveLength(4); // two kept, the operator's audited permission, and the purge's own row
    const start = attack(w, (raw) => raw.prepare('SELECT "startHash" FROM "AuditChainStart"').get() as { startHash: string });
    expect(start.startHash).toBe(left[0]!.prevHash);
    const verified = await w.cli('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('4 件'); // two kept, purge's audited permission, the purge's own row
    expect((await w.cli('audit', '--from', '2026-03-01', '--to', '2026-12-31')).out).not.toContain('注意');

    attack(w, (raw) => raw.prepare(`UPDATE "AuditChainStart" SET "startHash" = ?`).run('0'.repeat(64)));
    const edited = await w.cli('audit', 'verify');
    expect(edited.code).toBe(1);
    expect(edited.err).toContain('記録の起点 (消去後の先頭) の封印が合いません');

    attack(w, (raw) => raw.prepare('DELETE FROM "AuditChainStart"').run());
    expect((await w.cli('audit', 'verify')).err).toContain('消去の監査ログにある記録の起点が、起点の記録から削除されています');
  });

  it('rotation and retire keep a chain that verifies; a row forged under the retired key is detected', async () => {
    const w = world();
    await seed(w, '2026-03-02', 3);
    const oldKey = testKey().id;
    expect((await w.cli('keys', 'rotate')).code).toBe(0);
    await seed(w, '2026-03-06', 2);
    const retire = await w.cli('keys', 'retire', oldKey);
    expect(retire.err).toBe('');
    expect(retire.code).toBe(0);
    expect(readKeyFile(w.keyFile).keys.map((k) => k.id)).not.toContain(oldKey);
    const verified = await w.cli('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('(うち 4 件は廃止した鍵で封印された行です'); // 3 seeded, and rotate's audited permission

    // The attacker knows the retired key's id (it is in the rows), not the key: a row appended under it proves nothing.
    const head = rows(w).at(-1)!;
    const at = new Date('2026-03-20T01:00:00Z');
    const id = head.id + 1;
    const content = { id, at, actorId: null, channel: 'system', action: 'x', entity: 'y', entityId: null, before: null, after: null };
    attack(w, (raw) =>
      raw.prepare(`INSERT INTO "AuditLog" ("id", "at", "channel", "action", "entity", "prevHash", "hash", "keyId", "seal") VALUES (?, ?, 'system', 'x', 'y', ?, ?, ?, ?)`)
        .run(id, at.toISOString().replace('Z', '+00:00'), head.hash, chainHash(head.hash, content), oldKey, 'cd'.repeat(32)),
    );
    const forged = await w.cli('audit', 'verify');
    expect(forged.code).toBe(1);
    expect(forged.err).toContain(`行 ${id} (2026-03-20 10:00:00) は手元にない鍵で封印されています`);
  });

  it('refuses to retire a key while the chain does not verify', async () => {
    const w = world();
    await seed(w, '2026-03-02', 2);
    const oldKey = testKey().id;
    expect((await w.cli('keys', 'rotate')).code).toBe(0);
    attack(w, (raw) => {
      raw.exec('DROP TRIGGER "AuditLog_append_only_update"');
      raw.prepare(`UPDATE "AuditLog" SET "entityId" = '9' WHERE "id" = 1`).run();
      raw.exec(triggerSql('AuditLog_append_only_update'));
    });
    const retire = await w.cli('keys', 'retire', oldKey);
    expect(retire.code).toBe(1);
    expect(retire.err).toContain(`鍵 ${oldKey} を廃止できません: 監査ログの検証に失敗しています (行 1 `);
    expect(readKeyFile(w.keyFile).keys.map((k) => k.id)).toContain(oldKey);
  });

  it('rows the import writes with raw SQL are sealed into the same chain', async () => {
    const w = world();
    await seed(w, '2026-03-02', 2);
    const imported = await w.cli('import', SAMPLE_UTF8_BOM);
    expect(imported.code).toBe(0);
    // The import's own row goes in through the staging connection's raw INSERT (import-sql.ts).
    expect(attack(w, (raw) => raw.prepare('SELECT "entity" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1').pluck().get())).toBe('import');
    const all = rows(w);
    const run = await w.cli('audit', 'verify');
    expect(all.every((r) => r.keyId === testKey().id && r.seal.length === 64)).toBe(true);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`${all.length} 件、照合値 ${all.at(-1)!.hash}`);
  });

  it('--anchor: a head the chain passed through verifies; after history is rewritten it does not', async () => {
    const w = world();
    await seed(w, '2026-03-02', 3);
    const anchor = rows(w).at(-1)!.hash;
    await seed(w, '2026-03-06', 2);
    const ok = await w.cli('audit', 'verify', '--anchor', anchor);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`照合値 ${anchor} は行 3 (2026-03-04 12:00:00) の時点の照合値と一致します`);
    expect((await w.cli('audit', 'verify', '--anchor', 'abc')).code).toBe(2);
    expect((await w.cli('audit', 'verify', '--anchor', 'e'.repeat(64))).err).toContain('どの時点とも一致しません');
  });
});

describe('audit chain: wiped or anchored at nothing', () => {
  it('detects the whole trail deleted (triggers dropped and re-created, head record deleted), before and after the next write', async () => {
    const w = world();
    await seed(w, '2026-03-02', 4);
    attack(w, (raw) => {
      raw.exec('DROP TRIGGER "AuditLog_append_only_delete"');
      raw.exec('DELETE FROM "AuditLog"; DELETE FROM "AuditChainHead"; DELETE FROM sqlite_sequence WHERE "name" = \'AuditLog\'');
      raw.exec(triggerSql('AuditLog_append_only_delete'));
    });
    const wiped = await w.cli('audit', 'verify');
    expect(wiped.code).toBe(1);
    // The operator's audited check was then appended: it cannot link to anything that verifies.
    const next = await w.cli('audit', 'verify');
    expect(next.code).toBe(1);
    expect(rows(w)).toHaveLength(2);
  });

  it('an all-zero anchor matches nothing on a database that was never purged', async () => {
    const w = world();
    await seed(w, '2026-03-02', 2);
    const run = await w.cli('audit', 'verify', '--anchor', '0'.repeat(64));
    expect(run.code).toBe(1);
    expect(run.err).toContain('どの時点とも一致しません');
  });

  it('a new database verifies before anything is audited', async () => {
    const w = world();
    await seed(w, '2026-03-02', 0);
    expect(await w.cli('audit', 'verify')).toMatchObject({ code: 0 });
  });
});
