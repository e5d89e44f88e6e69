import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { t } from '../../templates.ts';
import { chainHash, GENESIS, type AuditRowContent, type AuditSealer } from './audit-chain.ts';
import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';

/**
 * `kaiheisen audit verify`: walks the whole chain (audit-chain.ts) on a read-only connection and names the first
 * thing wrong. Checked, in order: the append-only triggers exist exactly as migration 20261125000001 defines them;
 * the chain start (after a purge) is sealed and is the one the latest purge recorded in its own audit row; every
 * row links to the one before, its hash matches its content, its seal matches under the key it names. Rows sealed
 * by a retired key are accepted only before the first row sealed by a key still held, whose seal pins them.
 */
const TRIGGER_MIGRATION = fileURLToPath(new URL('../../../prisma/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url));

export type RowFault = 'unsealed' | 'link' | 'content' | 'seal' | 'unknownKey';
export type StartFault = 'startSeal' | 'startNotRecorded' | 'startMissing' | 'startMismatch' | 'headSeal' | 'headMissing';

export type ChainProblem =
  | { kind: 'triggerMissing' | 'triggerChanged'; trigger: string }
  | { kind: StartFault }
  | { kind: 'headMismatch'; lastId: number }
  | { kind: RowFault; id: number; at: Date };

export interface ChainReport {
  rows: number;
  /** The hash of the last row (the chain start when no row is left). */
  head: string;
  /** Rows whose seal could not be checked because their key was retired (pinned by a later row). */
  retiredKeyRows: number;
  problem: ChainProblem | null;
  /** With an anchor: the row whose hash it is, or null when the chain never passed through it. */
  anchor?: { id: number; at: Date } | null;
}

/** A row as SQLite returns it: the hashed content (instants as text) and its chain columns. */
type StoredRow = Omit<AuditRowContent, 'at'> & { at: string; prevHash: string | null; hash: string | null; keyId: string | null; seal: string | null };

interface StoredStart {
  startHash: string;
  at: string;
  keyId: string;
  seal: string;
}

interface StoredHead {
  lastId: number;
  hash: string;
  keyId: string;
  seal: string;
}

/** The newest rows removed leave a consistent chain: the sealed head every write left tells. */
function headProblem(sealer: AuditSealer, head: StoredHead | undefined, last: { id: number; hash: string } | undefined): ChainProblem | null {
  // A keyed database has had its head since its first open (database.ts), even before any row.
  if (!head) return last || sealer.keyed ? { kind: 'headMissing' } : null;
  const check = head.keyId && head.seal ? sealer.checkHead(head.keyId, head.lastId, head.hash, head.seal) : 'mismatch';
  if (check !== 'ok') return { kind: 'headSeal' };
  if (!last && head.lastId === 0 && head.hash === GENESIS) return null; // nothing audited yet
  if (!last || last.id !== head.lastId || last.hash !== head.hash) return { kind: 'headMismatch', lastId: head.lastId };
  return null;
}

const normalize = (sql: string) => sql.replace(/;\s*$/, '').replace(/\s+/g, ' ').trim();

/** name → definition, as the trigger migration writes them. */
export function expectedTriggers(): Map<string, string> {
  const text = readFileSync(TRIGGER_MIGRATION, 'utf8').replace(/^--.*$/gm, '');
  const found = new Map<string, string>();
  for (const m of text.matchAll(/CREATE TRIGGER "([^"]+)"[\s\S]*?\bEND;/g)) found.set(m[1]!, normalize(m[0]));
  return found;
}

function triggerProblem(raw: BetterSqlite3.Database): ChainProblem | null {
  const rows = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
  const present = new Map(rows.map((r) => [r.name, normalize(r.sql)]));
  for (const [name, sql] of expectedTriggers()) {
    const actual = present.get(name);
    if (actual === undefined) return { kind: 'triggerMissing', trigger: name };
    if (actual !== sql) return { kind: 'triggerChanged', trigger: name };
  }
  return null;
}

/** The chain start the latest purge wrote into its own (sealed, chained) audit row. */
function recordedStart(raw: BetterSqlite3.Database): string | undefined {
  const after = raw.prepare(`SELECT "after" FROM "AuditLog" WHERE "action" = 'retention.purged' ORDER BY "id" DESC LIMIT 1`).pluck().get() as string | null | undefined;
  if (!after) return undefined;
  try {
    const start = (JSON.parse(after) as { auditChainStart?: unknown }).auditChainStart;
    return typeof start === 'string' ? start : undefined;
  } catch {
    return undefined; // a purge row without a readable record counts as none
  }
}

function startProblem(sealer: AuditSealer, start: StoredStart | undefined, recorded: string | undefined): ChainProblem | null {
  if (!start) return recorded === undefined ? null : { kind: 'startMissing' };
  const check = start.keyId && start.seal ? sealer.checkStart(start.keyId, start.startHash, new Date(start.at), start.seal) : 'mismatch';
  if (check === 'mismatch') return { kind: 'startSeal' };
  if (recorded === undefined) return { kind: 'startNotRecorded' };
  if (recorded !== start.startHash) return { kind: 'startMismatch' };
  return null;
}

export function verifyAuditChain(path: string, sealer: AuditSealer, anchor?: string): ChainReport {
  const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    raw.exec('BEGIN'); // one snapshot for every read below
    const start = raw.prepare(`SELECT "startHash", "at", "keyId", "seal" FROM "AuditChainStart" WHERE "id" = 1`).get() as StoredStart | undefined;
    const problem = triggerProblem(raw) ?? startProblem(sealer, start, recordedStart(raw));
    const rows = raw.prepare(`SELECT "id", "at", "actorId", "channel", "action", "entity", "entityId", "before", "after",
      "prevHash", "hash", "keyId", "seal" FROM "AuditLog" ORDER BY "id"`).iterate() as Iterable<StoredRow>;
    const report = walk(rows, start, sealer, problem, anchor);
    const head = raw.prepare(`SELECT "lastId", "hash", "keyId", "seal" FROM "AuditChainHead" WHERE "id" = 1`).get() as StoredHead | undefined;
    const last = raw.prepare(`SELECT "id", "hash" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1`).get() as { id: number; hash: string } | undefined;
    report.problem ??= headProblem(sealer, head, last);
    if (report.problem && anchor !== undefined) report.anchor = null;
    raw.exec('COMMIT');
    return report;
  } finally {
    raw.close();
  }
}

/** Streams the rows (a year of audit rows need not fit in memory); after the first problem only the count goes on. */
function walk(rows: Iterable<StoredRow>, start: StoredStart | undefined, sealer: AuditSealer, first: ChainProblem | null, anchor?: string): ChainReport {
  let expected = start?.startHash ?? GENESIS;
  let problem = first;
  let count = 0;
  let retiredKeyRows = 0;
  let pendingRetired: StoredRow | undefined;
  let heldSeen = false;
  let anchored: ChainReport['anchor'] = anchor === undefined ? undefined : start !== undefined && anchor === start.startHash ? { id: 0, at: new Date(start?.at ?? 0) } : null;
  for (const row of rows) {
    count++;
    const fault = problem ? null : rowFault(row, expected, sealer);
    if (fault === 'unknownKey' && !heldSeen) {
      retiredKeyRows++;
      pendingRetired ??= row;
    } else if (fault) {
      problem = { kind: fault, id: row.id, at: new Date(row.at) };
    } else {
      heldSeen = true;
      pendingRetired = undefined;
    }
    expected = row.hash ?? '';
    if (anchor !== undefined && row.hash === anchor) anchored = { id: row.id, at: new Date(row.at) };
  }
  // Retired-key rows at the end are pinned by nothing: a row sealed with a key nobody holds proves nothing.
  if (!problem && pendingRetired) problem = { kind: 'unknownKey', id: pendingRetired.id, at: new Date(pendingRetired.at) };
  const report: ChainReport = { rows: count, head: expected, retiredKeyRows, problem };
  if (anchor !== undefined) report.anchor = problem ? null : anchored;
  return report;
}

function rowFault(row: StoredRow, expected: string, sealer: AuditSealer): RowFault | null {
  if (!row.hash || !row.prevHash || !row.keyId || !row.seal) return 'unsealed';
  if (row.prevHash !== expected) return 'link';
  if (chainHash(row.prevHash, { ...row, at: new Date(row.at) }) !== row.hash) return 'content';
  const check = sealer.checkRow(row.keyId, row.hash, row.seal);
  if (check === 'mismatch') return 'seal';
  return check === 'unknownKey' ? 'unknownKey' : null;
}


/** The problem in Japanese, naming the row (id, Tokyo time) where there is one. */
export function describeChainProblem(problem: ChainProblem): string {
  if ('trigger' in problem) return t(`auditChain.fault.${problem.kind}`, { trigger: problem.trigger });
  if ('lastId' in problem) return t('auditChain.fault.headMismatch', { lastId: problem.lastId });
  if (!('id' in problem)) return t(`auditChain.fault.${problem.kind}`);
  const row = t('auditChain.verify.rowAt', { id: problem.id, at: tokyoTimestamp(problem.at) });
  return t(`auditChain.fault.${problem.kind}`, { row });
}
