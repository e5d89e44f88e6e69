import { existsSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditSealer, chainHash, GENESIS, headValues, UPSERT_HEAD_SQL } from '../../../src/adapters/db/audit-chain.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { runCli } from '../../../src/cli/index.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';
import { moveTo, seedOrders, seedResults, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { encryptedTempDatabase, testCipher, testKey } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
  temp = undefined;
});

async function cli(url: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: url, KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv };
  const code = await runCli(args, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

type StoredRow = { id: number; at: string; actorId: string | null; channel: string; action: string; entity: string; entityId: string | null; before: string | null; after: string | null };

/**
 * Someone who holds the data key rewrites history: one row changed, the whole chain re-linked and re-sealed (its
 * head record too), the triggers dropped and re-created. The chain verifies again; only an anchor handed over before tells.
 */
function rewriteHistory(path: string, rowId: number): void {
  const raw = new BetterSqlite3(path);
  const sealer = new AuditSealer(testCipher());
  const migration = readFileSync(new URL('../../../prisma/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url), 'utf8');
  try {
    raw.exec('DROP TRIGGER "AuditLog_append_only_update"');
    raw.prepare(`UPDATE "AuditLog" SET "actorId" = 'w09' WHERE "id" = ?`).run(rowId);
    const rows = raw.prepare('SELECT "id", "at", "actorId", "channel", "action", "entity", "entityId", "before", "after" FROM "AuditLog" ORDER BY "id"').all() as StoredRow[];
    const update = raw.prepare('UPDATE "AuditLog" SET "prevHash" = ?, "hash" = ?, "keyId" = ?, "seal" = ? WHERE "id" = ?');
    let prev = GENESIS;
    for (const row of rows) {
      const hash = chainHash(prev, { ...row, at: new Date(row.at) });
      const { keyId, seal } = sealer.sealRow(hash);
      update.run(prev, hash, keyId, seal, row.id);
      prev = hash;
    }
    raw.prepare(UPSERT_HEAD_SQL).run(...headValues(sealer, rows.at(-1)!.id, prev));
    raw.exec(/CREATE TRIGGER "AuditLog_append_only_update"[\s\S]*?END;/.exec(migration)![0]);
  } finally {
    raw.close();
  }
}

describe('the audit anchor on the approved daily report', () => {
  it('the bureau gets the chain head (short in chat, full in the PDF); --anchor verifies it, and fails once history is rewritten', async () => {
    temp = await encryptedTempDatabase();
    await seedTeam(temp.db);
    await givePasswords(temp.db, [await addAdmin(temp.db)]);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w03', kind: 'close', town: '野町' }]);
    await seedResults(temp.db, [{ n: '0001', by: 'w02', outcome: 'done', time: '10:30' }]);
    const started = await startConsoleDay(temp.db, temp.url);
    bot = started.bot;
    await moveTo(bot, started.clock, '17:45');
    await moveTo(bot, started.clock, '17:52');
    await bot.console!.session.as('w01').pressLabel('承認');

    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily' } });
    const head = (JSON.parse(report.content) as { approval: { auditHead: string } }).approval.auditHead;
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const approved = await temp.db.read.auditLog.findFirstOrThrow({ where: { action: 'report.approved' } });
    expect(JSON.parse(approved.after!).auditHead).toBe(head);

    const bureau = bot.console!.session.inbox('#bureau').map((m) => m.text);
    const message = bureau.find((t) => t.includes('開閉栓業務 日報 3月27日(金)'))!;
    expect(message).toContain(`監査記録の照合値: ${head.slice(0, 8)}… (全体は日報 PDF に記載)`);
    expect(message).not.toContain(head);
    const pathLine = bureau.find((t) => t.startsWith('日報 PDF を保存しました: '))!;
    const pdfPath = pathLine.slice('日報 PDF を保存しました: '.length).trim();
    expect(existsSync(pdfPath)).toBe(true);
    const text = await pdfText(new Uint8Array(readFileSync(pdfPath)));
    expect(text.replace(/\s+/g, '')).toContain(`監査記録の照合値${head}`);
    await bot.stop();
    bot = undefined;

    const verified = await cli(temp.url, 'audit', 'verify', '--anchor', head);
    expect(verified.err).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(new RegExp(`照合値 ${head} は行 \\d+ \\(2026-03-27 \\d\\d:\\d\\d:\\d\\d\\) の時点の照合値と一致します`));

    rewriteHistory(sqliteOnly(temp.db, 'この処理').path, 1);
    expect((await cli(temp.url, 'audit', 'verify')).code).toBe(0); // consistent again: only the anchor tells
    const rewritten = await cli(temp.url, 'audit', 'verify', '--anchor', head);
    expect(rewritten.code).toBe(1);
    expect(rewritten.err).toContain(`照合値 ${head} は現在の監査ログのどの時点とも一致しません`);
  });
});
