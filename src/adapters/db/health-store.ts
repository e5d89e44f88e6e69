import { accessSync, constants, statfsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { sqliteOnly } from './sqlite/sqlite-database.ts';
import type { HealthStore, WriteProbe, WriteState } from '../../application/health/ports.ts';
import type { Database } from './database.ts';
import { createDeliveryAdmin } from './delivery-admin-store.ts';
import { HEARTBEAT_MARK } from './bot-presence.ts';

export { HEARTBEAT_MARK } from './bot-presence.ts';

/** The write probe waits this long at most for another process's write lock (then reports "busy", not a failure). */
const PROBE_BUSY_TIMEOUT_MS = 200;
const PROBE_TABLE = '_kaiheisen_write_probe';
/** PostgreSQL: a round trip or four over the network, and the write lock, at most this long (then "busy"). */
const PG_PROBE_WAIT_MS = 2_000;

const codeOf = (e: unknown) => String((e as { code?: unknown }).code ?? '');

function freeDiskMb(path: string): number | undefined {
  try {
    const s = statfsSync(dirname(path));
    return Math.floor((s.bavail * s.bsize) / (1024 * 1024));
  } catch {
    return undefined;
  }
}

/** Whether the file and its folder (the WAL and shm files live there) can be written (EROFS on a read-only mount). */
function notWritable(path: string): string | undefined {
  for (const p of [path, dirname(path)]) {
    try {
      accessSync(p, constants.W_OK);
    } catch (e) {
      return `read-only (${codeOf(e) || 'no write access'})`;
    }
  }
  return undefined;
}

/**
 * BEGIN IMMEDIATE, create a table (which allocates a page), ROLLBACK: fails on a full database (SQLITE_FULL, also
 * at a max_page_count) and a read-only one (SQLITE_READONLY), writes nothing to disk, and holds the lock for
 * microseconds. On the raw connection, inside `db.run` (the process's own transactions are not waited for), with a
 * short busy timeout so another process's long write cannot block the event loop.
 */
function probeOnRawConnection(db: Database): { state: WriteState; detail: string } {
  const raw = sqliteOnly(db, 'この処理').rawConnection();
  const previous = raw.pragma('busy_timeout', { simple: true }) as number;
  raw.pragma(`busy_timeout = ${PROBE_BUSY_TIMEOUT_MS}`);
  try {
    raw.exec('BEGIN IMMEDIATE');
    try {
      raw.exec(`CREATE TABLE "${PROBE_TABLE}" (x BLOB)`);
    } finally {
      // SQLITE_FULL may have rolled the transaction back already.
      if (raw.inTransaction) raw.exec('ROLLBACK');
    }
    return { state: 'ok', detail: 'write ok' };
  } catch (e) {
    const code = codeOf(e);
    // Another process holds the write lock for a moment (an import in chunks): the database itself is fine.
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { state: 'busy', detail: 'busy (another process is writing)' };
    if (code === 'SQLITE_FULL') return { state: 'full', detail: 'database full (SQLITE_FULL)' };
    if (code.startsWith('SQLITE_READONLY')) return { state: 'read-only', detail: `read-only (${code})` };
    return { state: 'error', detail: `write failed (${code || 'error'})` };
  } finally {
    raw.pragma(`busy_timeout = ${previous}`);
  }
}

/** Rolls the probe's transaction back once its write went through. */
class ProbeRolledBack extends Error {}

/**
 * PostgreSQL: the server answers and accepts a write (a PollerMark row, rolled back), within a short wait: a
 * write that waits longer for the write lock (another instance's import step) reports "busy".
 */
async function probeOnServer(db: Database): Promise<{ state: WriteState; detail: string }> {
  const probe = db
    .statements(
      async (sql) => {
        await sql.run(`INSERT INTO "PollerMark" ("name", "mark", "updatedAt") VALUES (?, ?, ?)`, `${PROBE_TABLE}:${randomUUID()}`, new Date(0), new Date(0));
        throw new ProbeRolledBack();
      },
      { transaction: true },
    )
    .then(
      () => ({ state: 'ok' as const, detail: 'write ok' }),
      (e: unknown): { state: WriteState; detail: string } => {
        if (e instanceof ProbeRolledBack) return { state: 'ok', detail: 'write ok' };
        const code = codeOf(e);
        if (code === '53100') return { state: 'full', detail: `database full (${code})` };
        if (code === '25006') return { state: 'read-only', detail: `read-only (${code})` };
        return { state: 'error', detail: `write failed (${code || 'error'})` };
      },
    );
  let timer: NodeJS.Timeout | undefined;
  const busy = new Promise<{ state: WriteState; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'busy', detail: 'busy (another instance is writing)' }), PG_PROBE_WAIT_MS);
  });
  try {
    return await Promise.race([probe, busy]);
  } finally {
    clearTimeout(timer);
  }
}

async function probeWrite(db: Database, minFreeDiskMb: number): Promise<WriteProbe> {
  // The server's disk and files are its own: only the write itself tells.
  if (db.dialect === 'postgres') return probeOnServer(db);
  const readOnly = notWritable(sqliteOnly(db, 'この処理').path);
  const free = freeDiskMb(sqliteOnly(db, 'この処理').path);
  const figures = free === undefined ? {} : { freeDiskMb: free };
  if (readOnly) return { state: 'read-only', detail: readOnly, ...figures };
  const probe = await db.run(async () => probeOnRawConnection(db));
  if (probe.state !== 'ok') return { ...probe, ...figures };
  if (free !== undefined && free < minFreeDiskMb) return { state: 'low-disk', detail: `low disk: ${free} MB free (min ${minFreeDiskMb})`, ...figures };
  return { ...probe, ...figures };
}

/** The readiness checks' storage: Prisma, and the write probe on the SQLite connection or the PostgreSQL server. */
export function createHealthStore(db: Database): HealthStore {
  return {
    probeWrite: (minFreeDiskMb) => probeWrite(db, minFreeDiskMb),
    deliveryBacklog: (now) => createDeliveryAdmin(db).backlog(now),
    async parkedEvents() {
      const [count, oldest] = await Promise.all([
        db.read.inboundEvent.count({ where: { state: 'failed' } }),
        db.read.inboundEvent.findFirst({ where: { state: 'failed' }, orderBy: { receivedAt: 'asc' }, select: { receivedAt: true } }),
      ]);
      return { count, ...(oldest ? { oldestAt: oldest.receivedAt } : {}) };
    },
    async lastHeartbeat() {
      const row = await db.read.pollerMark.findUnique({ where: { name: HEARTBEAT_MARK } });
      // updatedAt is the wall time of the write (Prisma's @updatedAt), whatever clock the bot runs on.
      return row ? { at: row.mark, writtenAt: row.updatedAt } : undefined;
    },
    async beat(at) {
      await db.run((client) => client.pollerMark.upsert({ where: { name: HEARTBEAT_MARK }, create: { name: HEARTBEAT_MARK, mark: at }, update: { mark: at } }));
    },
  };
}
