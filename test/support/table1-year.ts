import BetterSqlite3 from 'better-sqlite3';
import type { Database, Sql } from '../../src/adapters/db/database.ts';
import { sqliteOnly } from '../../src/adapters/db/sqlite/sqlite-database.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';
import { daysOfMonth, nextMonth } from '../../src/domain/reports/japanese-era.ts';

/**
 * Synthetic work orders with results, written straight into SQLite on a second connection, or on PostgreSQL as
 * multi-row inserts (57k rows through Prisma would be slow). The spec's table 1 (別表1, 令和5年3月～令和6年2月 actuals) gives
 * the volumes per month, March first.
 */
export const TABLE1 = [
  { label: '3月', open: 3035, close: 2365, transfer: 4254, total: 9654 },
  { label: '4月', open: 1725, close: 2005, transfer: 2274, total: 6004 },
  { label: '5月', open: 1611, close: 1870, transfer: 1169, total: 4650 },
  { label: '6月', open: 1458, close: 1519, transfer: 1049, total: 4026 },
  { label: '7月', open: 1741, close: 1806, transfer: 1187, total: 4734 },
  { label: '8月', open: 1447, close: 1430, transfer: 1009, total: 3886 },
  { label: '9月', open: 1480, close: 1572, transfer: 1131, total: 4183 },
  { label: '10月', open: 1570, close: 1716, transfer: 1062, total: 4348 },
  { label: '11月', open: 1305, close: 1402, transfer: 961, total: 3668 },
  { label: '12月', open: 1238, close: 1886, transfer: 1176, total: 4300 },
  { label: '1月', open: 1517, close: 1364, transfer: 743, total: 3624 },
  { label: '2月', open: 1518, close: 1275, transfer: 1236, total: 4029 },
] as const;
export const TABLE1_TOTAL = { open: 19645, close: 20210, transfer: 17251, total: 57106 } as const;

export interface MonthVolumes {
  open: number;
  close: number;
  transfer: number;
  other: number; // その他, processed
  notDone: number; // not_done results, spread over the kinds
  flagged?: number; // processed results with a reading flag
}

const calendar = new WorkCalendar(SPEC_CALENDAR);
const iso = (at: Date) => at.toISOString().replace('Z', '+00:00'); // Prisma's SQLite DateTime text
const KINDS = ['open', 'close', 'transfer', 'other'] as const;

/** Opens the test database file beside Prisma's connection; WAL lets both work. */
export function withRawDb<T>(dbPath: string, fn: (raw: BetterSqlite3.Database) => T): T {
  const raw = new BetterSqlite3(dbPath, { timeout: 5000 });
  try {
    return fn(raw);
  } finally {
    raw.close();
  }
}

function ensureWorker(raw: BetterSqlite3.Database): void {
  const now = iso(new Date(Date.UTC(2025, 0, 1)));
  raw
    .prepare('INSERT OR IGNORE INTO Person (id, affiliation, name, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)')
    .run('w-gen', 'contractor', '試験 作業者', now, now);
}

/**
 * Writes one month of orders with results recorded on its work days, 09:00–17:44 Tokyo, except
 * the first processed order (00:10 on the first work day: still the previous day in UTC) and the
 * last (23:50 on the last work day). Every 13th processed result is `absent` (done, customer out).
 */
export async function seedMonth(db: Database, month: string, volumes: MonthVolumes): Promise<void> {
  const rows = monthRows(month, volumes);
  if (db.dialect === 'postgres') return db.statements((sql) => seedOnPostgres(sql, rows), { transaction: true });
  seedRowsInFile(sqliteOnly(db, 'seedMonth').path, rows);
}

/** `seedMonth` on an SQLite file by its path (a bench seeds the database of a bot it starts). */
export function seedMonthFile(dbPath: string, month: string, volumes: MonthVolumes): void {
  seedRowsInFile(dbPath, monthRows(month, volumes));
}

function seedRowsInFile(dbPath: string, rows: SeedRow[]): void {
  withRawDb(dbPath, (raw) => {
    ensureWorker(raw);
    const order = raw.prepare(
      'INSERT INTO WorkOrder (orderNo, kind, scheduledDate, address, town, contentHash, status, importedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const result = raw.prepare(
      'INSERT INTO TaskResult (workOrderId, personId, outcome, notDoneReason, readingLowerThanPrevious, channel, recordedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    raw.transaction(() => {
      for (const row of rows) {
        const info = order.run(...row.order);
        result.run(info.lastInsertRowid, 'w-gen', row.outcome, row.reason, row.flagged ? 1 : 0, 'cli', row.at, row.at);
      }
    })();
  });
}

interface SeedRow {
  order: [orderNo: string, kind: string, day: string, address: string, town: string, hash: string, status: string, at: string, at: string];
  outcome: string;
  reason: string | null;
  flagged: boolean;
  at: string;
}

function monthRows(month: string, volumes: MonthVolumes): SeedRow[] {
  const days = daysOfMonth(month).filter((d) => calendar.isWorkDay(d));
  const jobs = monthJobs(volumes);
  return jobs.map((job, i) => {
    const day = i === 0 ? days[0]! : i === jobs.length - 1 ? days[days.length - 1]! : days[i % days.length]!;
    const time = i === 0 ? '00:10' : i === jobs.length - 1 ? '23:50' : minutesToHhmm(540 + ((i * 7) % 525));
    const at = iso(tokyoInstant(day, time));
    const orderNo = `${month.replace('-', '')}-${String(i + 1).padStart(5, '0')}`;
    const reason = job.outcome === 'not_done' ? '現地確認の結果、後日対応' : null;
    return { order: [orderNo, job.kind, day, `石川県金沢市諸江町${(i % 30) + 1}-1`, '諸江町', `h${orderNo}`, job.outcome, at, at], outcome: job.outcome, reason, flagged: job.flagged, at };
  });
}

const BATCH = 1000;

async function seedOnPostgres(sql: Sql, rows: SeedRow[]): Promise<void> {
  const now = iso(new Date(Date.UTC(2025, 0, 1)));
  await sql.run('INSERT INTO "Person" ("id", "affiliation", "name", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', 'w-gen', 'contractor', '試験 作業者', now, now);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const ids = await sql.all<{ id: number; orderNo: string }>(
      `INSERT INTO "WorkOrder" ("orderNo", "kind", "scheduledDate", "address", "town", "contentHash", "status", "importedAt", "updatedAt") VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)').join(', ')} RETURNING "id", "orderNo"`,
      ...batch.flatMap((r) => r.order),
    );
    const idOf = new Map(ids.map((r) => [r.orderNo, r.id]));
    await sql.run(
      `INSERT INTO "TaskResult" ("workOrderId", "personId", "outcome", "notDoneReason", "readingLowerThanPrevious", "channel", "recordedAt", "updatedAt") VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)').join(', ')}`,
      ...batch.flatMap((r) => [idOf.get(r.order[0]), 'w-gen', r.outcome, r.reason, r.flagged, 'cli', r.at, r.at]),
    );
  }
}

interface Job {
  kind: (typeof KINDS)[number];
  outcome: 'done' | 'absent' | 'not_done';
  flagged: boolean;
}

/** Processed jobs first (so the first and last are processed), the not-done ones in between. */
function monthJobs(v: MonthVolumes): Job[] {
  const processed: Job[] = [];
  for (const kind of KINDS) {
    for (let n = 0; n < v[kind]; n++) processed.push({ kind, outcome: 'done', flagged: false });
  }
  processed.forEach((job, i) => {
    if (i % 13 === 5) job.outcome = 'absent';
    if (v.flagged && i % Math.max(1, Math.floor(processed.length / v.flagged)) === 3) job.flagged = true;
  });
  const notDone = Array.from({ length: v.notDone }, (_, n): Job => ({ kind: KINDS[n % 3]!, outcome: 'not_done', flagged: false }));
  const last = processed.pop();
  return [...processed, ...notDone, ...(last ? [last] : [])];
}

function minutesToHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The twelve months of table 1 from `firstMonth` (its March row), with some その他 and not-done noise. */
export async function seedTable1Year(db: Database, firstMonth = '2025-03'): Promise<string[]> {
  const months: string[] = [];
  let month = firstMonth;
  for (const row of TABLE1) {
    await seedMonth(db, month, { open: row.open, close: row.close, transfer: row.transfer, other: 37, notDone: 21, flagged: 5 });
    months.push(month);
    month = nextMonth(month);
  }
  return months;
}
