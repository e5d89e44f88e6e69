/**
 * What the audit trail's outside witness costs: after each committed write that appended audit rows, the context
 * logs the chain head (`audit chain head`, last id and hash: runbook 3.1). Measured on a real SQLite file with the
 * production cipher: N transactions of one audit row each, with the head logged (JSON line appended to a file, as
 * stderr to a journal or a log file would take it) and without, interleaved in rounds so drift hits both alike.
 * Also: `audit verify` over the rows written (the id-continuity checks ride on its one pass).
 *
 * `npm run bench -- audit-head [N]` (N writes per variant, default 2,000); the last line is one JSON object.
 */
import { mkdtempSync, openSync, closeSync, rmSync, writeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { FieldCipher } from '../src/adapters/crypto/field-cipher.ts';
import { dataKeyOf } from '../src/adapters/crypto/keyring.ts';
import { openDatabase } from '../src/adapters/db/open-database.ts';
import { writeAudit } from '../src/adapters/db/audit-writer.ts';
import { verifyAuditChain } from '../src/adapters/db/audit-verify.ts';
import { createLogger } from '../src/adapters/log/logger.ts';
import { AUDIT_HEAD_LOG } from '../src/assembly/context.ts';
import type { Database } from '../src/adapters/db/database.ts';

const n = Number(process.argv[2] ?? 2_000);
const ROUNDS = 10;
const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-audit-head-'));
const key = dataKeyOf(randomBytes(32).toString('base64'));
const cipher = () => new FieldCipher({ source: { kind: 'env' }, current: key, keys: [key] });
const logFile = join(dir, 'bot.log');
const fd = openSync(logFile, 'a');
const logger = createLogger('info', (line) => void writeSync(fd, line));

const logged = await openDatabase(`file:${join(dir, 'logged.db')}`, {
  cipher: cipher(),
  onAuditHead: (head) => logger.info(AUDIT_HEAD_LOG, { auditLastId: head.lastId, auditHead: head.hash }),
});
const plain = await openDatabase(`file:${join(dir, 'plain.db')}`, { cipher: cipher() });

const entry = (i: number) => ({ actorId: 'w01', channel: 'slack', action: 'result.recorded', entity: 'TaskResult', entityId: String(i), after: { reading: 1000 + i } });
async function writes(db: Database, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await db.write((tx) => writeAudit(tx, new Date(), entry(i)));
  return performance.now() - start;
}

await writes(logged, 100); // warm-up
await writes(plain, 100);
let loggedMs = 0;
let plainMs = 0;
const per = Math.ceil(n / ROUNDS);
for (let r = 0; r < ROUNDS; r++) {
  loggedMs += await writes(logged, per);
  plainMs += await writes(plain, per);
}
const total = per * ROUNDS;
const verifyStart = performance.now();
const report = await verifyAuditChain(logged, logged.auditSealer);
const verifyMs = performance.now() - verifyStart;
closeSync(fd);
const logBytes = statSync(logFile).size;
await logged.close();
await plain.close();
rmSync(dir, { recursive: true, force: true });

const usLogged = (loggedMs * 1000) / total;
const usPlain = (plainMs * 1000) / total;
console.log(`${total} audited writes each: ${usLogged.toFixed(0)} µs with the head logged, ${usPlain.toFixed(0)} µs without`);
console.log(`log: ${(logBytes / (total + 100)).toFixed(0)} bytes per audited write; verify of ${report.rows} rows: ${verifyMs.toFixed(0)} ms (${report.problem ? 'problem' : 'ok'})`);
console.log(JSON.stringify({
  writes: total,
  usPerWriteLogged: Math.round(usLogged),
  usPerWritePlain: Math.round(usPlain),
  usPerWriteWitness: Math.round(usLogged - usPlain),
  logBytesPerWrite: Math.round(logBytes / (total + 100)),
  verifyRows: report.rows,
  verifyMs: Math.round(verifyMs),
  verifyOk: report.problem === null,
  ratio: Number((usLogged / usPlain).toFixed(3)),
}));
