import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_HEAD_LOG } from '../../../src/assembly/context.ts';
import { writeAudit } from '../../../src/adapters/db/audit-writer.ts';
import { runCli } from '../../../src/cli/index.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';
import { encryptedTempDatabase, testKey } from '../../support/test-cipher.ts';
import { TEST_DIALECT, type TempDatabase } from '../../support/temp-db.ts';

/**
 * The new-user trial's attack on the newest audit rows, on real SQLite files through the CLI: a copy of the database
 * is kept; two more audited commands run; then, on the live file, the purge gate is opened, the rows written since
 * the copy are deleted, the gate is closed, and the copy's sealed AuditChainHead row is put back. The chain links and
 * the head matches; the AUTOINCREMENT counter and the ids still tell (audit-continuity.ts).
 */
let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function cli(url: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliLogging('silent', url, ...args);
}

async function cliLogging(level: string, url: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: url, KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_LOG_LEVEL: level, KAIHEISEN_OPERATOR: 'a01', ...operatorEnv };
  const code = await runCli(args, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The JSON log lines (stderr) of one CLI run at level info. */
async function cliLog(url: string, ...args: string[]): Promise<{ code: number; log: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  try {
    const { code } = await cliLogging('info', url, ...args);
    return { code, log: lines.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    spy.mockRestore();
  }
}

type HeadRow = { lastId: number; hash: string; keyId: string; seal: string };

function withFile<T>(path: string, fn: (raw: BetterSqlite3.Database) => T): T {
  const raw = new BetterSqlite3(path, { timeout: 10_000 });
  try {
    return fn(raw);
  } finally {
    raw.close();
  }
}

/** `cp` of a database in use, done safely: a consistent copy of the file as it is now. */
function copyOf(path: string): string {
  const copy = join(path, '..', 'old.db');
  withFile(path, (raw) => raw.prepare('VACUUM INTO ?').run(copy));
  return copy;
}

/** The trial's statements: open the purge gate, delete after `lastId`, close it, put the old head row back. */
function cutTailAndReplayHead(path: string, old: HeadRow): void {
  withFile(path, (raw) => {
    raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = '2099-01-01'`).run();
    raw.prepare('DELETE FROM "AuditLog" WHERE "id" > ?').run(old.lastId);
    raw.prepare(`UPDATE "AuditPurgeGate" SET "before" = NULL`).run();
    raw.prepare('UPDATE "AuditChainHead" SET "lastId" = ?, "hash" = ?, "keyId" = ?, "seal" = ? WHERE "id" = 1').run(old.lastId, old.hash, old.keyId, old.seal);
  });
}

const headOf = (path: string) => withFile(path, (raw) => raw.prepare('SELECT "lastId", "hash", "keyId", "seal" FROM "AuditChainHead" WHERE "id" = 1').get() as HeadRow);
const lastIdOf = (path: string) => withFile(path, (raw) => raw.prepare('SELECT max("id") FROM "AuditLog"').pluck().get() as number);

async function trialDatabase(): Promise<{ url: string; path: string; old: HeadRow }> {
  temp = await encryptedTempDatabase();
  for (let i = 0; i < 3; i++) {
    const at = new Date(Date.parse('2026-03-02T03:00:00Z') + i * 86_400_000);
    await temp.db.write((tx) => writeAudit(tx, at, { actorId: 'w01', channel: 'slack', action: 'result.recorded', entity: 'TaskResult', entityId: String(i + 1) }));
  }
  await addAdmin(temp.db);
  await givePasswords(temp.db, ['a01']);
  const path = temp.db.file!;
  expect((await cli(temp.url, 'audit', 'verify')).code).toBe(0);
  const old = headOf(copyOf(path));
  // Two more audited commands on the live database.
  expect((await cli(temp.url, 'audit', 'verify')).code).toBe(0);
  expect((await cli(temp.url, 'audit', 'verify')).code).toBe(0);
  expect(lastIdOf(path)).toBeGreaterThan(old.lastId);
  return { url: temp.url, path, old };
}

describe.runIf(TEST_DIALECT === 'sqlite')('audit verify: the newest rows cut and an older sealed head put back (SQLite)', () => {
  it('names the cut tail, and the gap once more rows are written after it', async () => {
    const { url, path, old } = await trialDatabase();
    const cutFrom = old.lastId + 1;
    const counter = lastIdOf(path);
    cutTailAndReplayHead(path, old);

    const cut = await cli(url, 'audit', 'verify');
    expect(cut.code).toBe(1);
    expect(cut.err).toContain(`監査ログの最後の行 ${old.lastId} の後に書かれた行 ${cutFrom}〜${counter} がありません`);

    // The failed verify itself was audited (operator.allowed): the next row links to the replayed head, ids jump.
    const after = await cli(url, 'audit', 'verify');
    expect(after.code).toBe(1);
    expect(after.err).toMatch(new RegExp(`行 ${counter + 1} \\([^)]*\\) の前にあった行 ${cutFrom}〜${counter} がありません`));
  });

  it('does not see the counter put back too; the chain head the CLI logged before the cut does (--anchor)', async () => {
    const { url, path, old } = await trialDatabase();
    const { code, log } = await cliLog(url, 'audit', 'verify');
    expect(code).toBe(0);
    const witness = log.filter((l) => l.msg === AUDIT_HEAD_LOG).at(-1)!;
    expect(witness).toEqual({ t: expect.any(String), level: 'info', msg: AUDIT_HEAD_LOG, auditLastId: lastIdOf(path), auditHead: headOf(path).hash });
    const anchor = String(witness.auditHead);
    cutTailAndReplayHead(path, old);
    withFile(path, (raw) => raw.prepare(`UPDATE sqlite_sequence SET "seq" = ? WHERE "name" = 'AuditLog'`).run(old.lastId));

    expect((await cli(url, 'audit', 'verify')).code).toBe(0); // the documented limit: nothing in the file tells
    const anchored = await cli(url, 'audit', 'verify', '--anchor', anchor);
    expect(anchored.code).toBe(1);
    expect(anchored.err).toContain(`照合値 ${anchor} は現在の監査ログのどの時点とも一致しません`);
  });

  it('passes a purge: the oldest rows removed leave no gap and no counter ahead', async () => {
    const { url } = await trialDatabase();
    const purge = await cli(url, 'purge', '--before', '2026-03-04');
    expect(purge.code, purge.err).toBe(0);
    const ok = await cli(url, 'audit', 'verify');
    expect(ok.code, ok.err).toBe(0);
  });
});
