import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { t } from '../../templates.ts';
import { chainHash, GENESIS, type AuditRowContent, type AuditSealer } from './audit-chain.ts';
import type { Database } from './database.ts';
import type { PostgresDatabase } from './postgres/postgres-database.ts';
import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import { describeIdProblem, idGap, tailCut, type IdProblem } from './audit-continuity.ts';

/**
 * `kaiheisen audit verify`: walks the whole chain (audit-chain.ts) in one read-only snapshot and names the first
 * thing wrong. Checked, in order: the append-only triggers (and, on PostgreSQL, their functions) exist exactly as
 * migration 20261125000001 defines them; the chain start (after a purge) is sealed and is the one the latest purge
 * recorded in its own audit row; every row links to the one before, its hash matches its content, its seal matches
 * under the key it names. Rows sealed by a retired key are accepted only before the first row sealed by a key still
 * held, whose seal pins them.
 */
const TRIGGER_MIGRATION = fileURLToPath(new URL('../../../prisma/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url));
const PG_TRIGGER_MIGRATION = fileURLToPath(new URL('../../../prisma/postgres/migrations/20261125000001_audit_append_only/migration.sql', import.meta.url));
/** Rows read per query on PostgreSQL (all in one snapshot): a year of audit rows need not fit in memory. */
const PAGE = 5_000;

export type RowFault = 'unsealed' | 'link' | 'content' | 'seal' | 'unknownKey';
export type StartFault = 'startSeal' | 'startNotRecorded' | 'startMissing' | 'startMismatch' | 'headSeal' | 'headMissing';

export type ChainProblem =
  | { kind: 'triggerMissing' | 'triggerChanged' | 'triggerDisabled'; trigger: string }
  | { kind: StartFault }
  | { kind: 'headMismatch'; lastId: number }
  | { kind: RowFault; id: number; at: Date }
  | IdProblem;

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

/** A row as the driver returns it: the hashed content (instants as text on SQLite, Date on PostgreSQL) and its chain columns. */
type StoredRow = Omit<AuditRowContent, 'at'> & { at: string | Date; prevHash: string | null; hash: string | null; keyId: string | null; seal: string | null };

interface StoredStart {
  startHash: string;
  at: string | Date;
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

/** PostgreSQL: trigger name → definition and function name → body, as its trigger migration writes them. */
export function expectedPostgresTriggers(): { triggers: Map<string, string>; functions: Map<string, string> } {
  const text = readFileSync(PG_TRIGGER_MIGRATION, 'utf8').replace(/^--.*$/gm, '');
  const triggers = new Map<string, string>();
  const functions = new Map<string, string>();
  for (const m of text.matchAll(/CREATE TRIGGER "([^"]+)"[^;]*;/g)) triggers.set(m[1]!, normalize(m[0]));
  for (const m of text.matchAll(/CREATE FUNCTION "([^"]+)"\(\)[^$]*\$\$([\s\S]*?)\$\$;/g)) functions.set(m[1]!, normalize(m[2]!));
  return { triggers, functions };
}

/** What a PostgreSQL trigger turned off by ALTER TABLE … DISABLE TRIGGER stands for among the definitions. */
const DISABLED = '\u0000disabled';

function triggerProblemOf(present: Map<string, string>, expected: Map<string, string>): ChainProblem | null {
  for (const [name, sql] of expected) {
    const actual = present.get(name);
    if (actual === undefined) return { kind: 'triggerMissing', trigger: name };
    if (actual === DISABLED) return { kind: 'triggerDisabled', trigger: name };
    if (actual !== sql) return { kind: 'triggerChanged', trigger: name };
  }
  return null;
}

/** What verify reads, in one snapshot, from whichever server holds the trail. */
interface ChainSource {
  triggerProblem(): Promise<ChainProblem | null>;
  /** The `after` of the latest purge's own audit row. */
  latestPurgeRecord(): Promise<string | null | undefined>;
  start(): Promise<StoredStart | undefined>;
  rows(): AsyncIterable<StoredRow>;
  head(): Promise<StoredHead | undefined>;
  last(): Promise<{ id: number; hash: string } | undefined>;
  /**
   * SQLite: the AUTOINCREMENT counter of AuditLog, which a rollback undoes with the rows (so ids never gap) and a
   * DELETE leaves standing. undefined on PostgreSQL, whose sequence a rolled-back write may advance.
   */
  gaplessCounter(): Promise<number | undefined>;
}

const ROW_COLUMNS = `"id", "at", "actorId", "channel", "action", "entity", "entityId", "before", "after", "prevHash", "hash", "keyId", "seal"`;
const START_SQL = `SELECT "startHash", "at", "keyId", "seal" FROM "AuditChainStart" WHERE "id" = 1`;
const HEAD_ROW_SQL = `SELECT "lastId", "hash", "keyId", "seal" FROM "AuditChainHead" WHERE "id" = 1`;
const LAST_SQL = `SELECT "id", "hash" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1`;
const PURGE_SQL = `SELECT "after" FROM "AuditLog" WHERE "action" = 'retention.purged' ORDER BY "id" DESC LIMIT 1`;

function sqliteSource(raw: BetterSqlite3.Database): ChainSource {
  return {
    async triggerProblem() {
      const rows = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
      return triggerProblemOf(new Map(rows.map((r) => [r.name, normalize(r.sql)])), expectedTriggers());
    },
    latestPurgeRecord: async () => raw.prepare(PURGE_SQL).pluck().get() as string | null | undefined,
    start: async () => raw.prepare(START_SQL).get() as StoredStart | undefined,
    async *rows() {
      yield* raw.prepare(`SELECT ${ROW_COLUMNS} FROM "AuditLog" ORDER BY "id"`).iterate() as Iterable<StoredRow>;
    },
    head: async () => raw.prepare(HEAD_ROW_SQL).get() as StoredHead | undefined,
    last: async () => raw.prepare(LAST_SQL).get() as { id: number; hash: string } | undefined,
    gaplessCounter: async () => (raw.prepare(`SELECT "seq" FROM sqlite_sequence WHERE "name" = 'AuditLog'`).pluck().get() as number | undefined) ?? 0,
  };
}

/**
 * The triggers on the audit tables as the server holds them (a disabled one is reported as such: ALTER TABLE …
 * DISABLE TRIGGER needs only the table's owner), and the bodies of the functions they call.
 */
const PG_TRIGGERS_SQL = `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS sql, t.tgenabled AS enabled
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT t.tgisinternal AND n.nspname = current_schema()`;
const PG_FUNCTIONS_SQL = `SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = current_schema() AND p.proname = ANY($1)`;

/** pg_get_triggerdef's form of a definition, as the migration writes it: identifiers quoted as given, no schema. */
const normalizePgTrigger = (sql: string, schema: string) =>
  normalize(sql.replace(new RegExp(`\\b(?:"${schema}"|${schema})\\.`, 'g'), ''))
    .replace(/ ON (\w+) /, ' ON "$1" ')
    .replace(/ FUNCTION (\w+)\(/, ' FUNCTION "$1"(');

function postgresSource(client: pg.PoolClient): ChainSource {
  const one = async <T>(sql: string): Promise<T | undefined> => (await client.query(sql)).rows[0] as T | undefined;
  return {
    async triggerProblem() {
      const expected = expectedPostgresTriggers();
      const schema = ((await one<{ s: string }>('SELECT current_schema() AS s'))?.s ?? 'public');
      const triggers = (await client.query(PG_TRIGGERS_SQL)).rows as { name: string; sql: string; enabled: string }[];
      const present = new Map(triggers.map((r) => [r.name, r.enabled === 'D' ? DISABLED : normalizePgTrigger(r.sql, schema)]));
      const functions = (await client.query(PG_FUNCTIONS_SQL, [[...expected.functions.keys()]])).rows as { name: string; body: string }[];
      return triggerProblemOf(present, expected.triggers) ?? triggerProblemOf(new Map(functions.map((f) => [f.name, normalize(f.body)])), expected.functions);
    },
    latestPurgeRecord: async () => (await one<{ after: string | null }>(PURGE_SQL))?.after,
    start: () => one<StoredStart>(START_SQL),
    async *rows() {
      for (let after = -1; ; ) {
        const page = (await client.query(`SELECT ${ROW_COLUMNS} FROM "AuditLog" WHERE "id" > $1 ORDER BY "id" LIMIT ${PAGE}`, [after])).rows as StoredRow[];
        yield* page;
        if (page.length < PAGE) return;
        after = page.at(-1)!.id;
      }
    },
    head: () => one<StoredHead>(HEAD_ROW_SQL),
    last: () => one<{ id: number; hash: string }>(LAST_SQL),
    gaplessCounter: async () => undefined,
  };
}

/** The chain start the latest purge wrote into its own (sealed, chained) audit row. */
function recordedStart(after: string | null | undefined): string | undefined {
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

export async function verifyAuditChain(db: Database, sealer: AuditSealer, anchor?: string): Promise<ChainReport> {
  if (db.dialect === 'postgres') return verifyOnPostgres((db as PostgresDatabase).pool, sealer, anchor);
  return verifyOnSqlite(db.file!, sealer, anchor);
}

async function verifyOnSqlite(path: string, sealer: AuditSealer, anchor?: string): Promise<ChainReport> {
  const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    raw.exec('BEGIN'); // one snapshot for every read below
    const report = await verifyFrom(sqliteSource(raw), sealer, anchor);
    raw.exec('COMMIT');
    return report;
  } finally {
    raw.close();
  }
}

async function verifyOnPostgres(pool: pg.Pool, sealer: AuditSealer, anchor?: string): Promise<ChainReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'); // one snapshot for every read below
    const report = await verifyFrom(postgresSource(client), sealer, anchor);
    await client.query('COMMIT');
    return report;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function verifyFrom(source: ChainSource, sealer: AuditSealer, anchor?: string): Promise<ChainReport> {
  const start = await source.start();
  const problem = (await source.triggerProblem()) ?? startProblem(sealer, start, recordedStart(await source.latestPurgeRecord()));
  const counter = await source.gaplessCounter();
  const report = await walk(source.rows(), start, sealer, problem, anchor, counter !== undefined);
  const last = await source.last();
  report.problem ??= headProblem(sealer, await source.head(), last);
  if (counter !== undefined) report.problem ??= tailCut(last?.id ?? 0, counter);
  if (report.problem && anchor !== undefined) report.anchor = null;
  return report;
}

/** Streams the rows (a year of audit rows need not fit in memory); after the first problem only the count goes on. */
async function walk(rows: AsyncIterable<StoredRow>, start: StoredStart | undefined, sealer: AuditSealer, first: ChainProblem | null, anchor: string | undefined, gapless: boolean): Promise<ChainReport> {
  let expected = start?.startHash ?? GENESIS;
  let previousId: number | undefined;
  let problem = first;
  let count = 0;
  let retiredKeyRows = 0;
  let pendingRetired: StoredRow | undefined;
  let heldSeen = false;
  let anchored: ChainReport['anchor'] = anchor === undefined ? undefined : start !== undefined && anchor === start.startHash ? { id: 0, at: new Date(start?.at ?? 0) } : null;
  for await (const row of rows) {
    count++;
    const fault = problem ? null : rowFault(row, expected, sealer);
    const gap = problem || fault || !gapless ? null : idGap(previousId, row.id, new Date(row.at));
    previousId = row.id;
    if (gap) {
      problem = gap;
    } else if (fault === 'unknownKey' && !heldSeen) {
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
  if (problem.kind === 'idGap' || problem.kind === 'tailCut') return describeIdProblem(problem);
  if ('trigger' in problem) return t(`auditChain.fault.${problem.kind}`, { trigger: problem.trigger });
  if ('lastId' in problem) return t('auditChain.fault.headMismatch', { lastId: problem.lastId });
  if (!('id' in problem)) return t(`auditChain.fault.${problem.kind}`);
  const row = t('auditChain.verify.rowAt', { id: problem.id, at: tokyoTimestamp(problem.at) });
  return t(`auditChain.fault.${problem.kind}`, { row });
}
