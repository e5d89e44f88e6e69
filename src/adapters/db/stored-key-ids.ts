import { randomInt } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { ENCRYPTED_PREFIX } from '../crypto/field-cipher.ts';
import type { Dialect, Sql } from './database.ts';
import { ENCRYPTED_FIELDS } from './field-encryption.ts';

/**
 * The key ids a database's encrypted values name, for the check at start-up that the given keyring can read the
 * database (data-key-setup.ts). Every process start runs it, so it reads a bounded sample of each table, never the
 * whole table (a full scan took 0.9 s at 300,000 orders): the first and the last SAMPLE_END_ROWS rows by id, and
 * SAMPLE_RANDOM_ROWS rows at random ids between, each found through the primary key. A database encrypted under
 * another key has that key's id in every sampled value, so a wrong key is refused as before. What a sample can miss
 * (a value under a retired key in the middle of a table, which `keys rotate` leaves none of) is still refused where it
 * is read: FieldCipher.decrypt names the missing key.
 */
export const SAMPLE_END_ROWS = 8;
export const SAMPLE_RANDOM_ROWS = 8;

export interface KeyIdSample {
  keyIds: string[];
  /** Rows the sample read, over all tables: bounded, whatever the tables' sizes. */
  rowsRead: number;
}

const START = ENCRYPTED_PREFIX.length + 1;
/** The text of an encrypted value between its prefix and the next colon: its key id. */
export const keyIdOfColumn = (field: string, dialect: Dialect): string =>
  `substr("${field}", ${START}, ${dialect === 'postgres' ? 'strpos' : 'instr'}(substr("${field}", ${START}), ':') - 1)`;
/** The key id of a column's value (`enc:v1:<keyId>:...`), NULL for plaintext and NULL. */
const keyIdExpression = (field: string, dialect: Dialect) => `CASE WHEN "${field}" LIKE '${ENCRYPTED_PREFIX}%' THEN ${keyIdOfColumn(field, dialect)} END`;

/**
 * One statement per table: the sampled rows' key ids, one column per encrypted field. Each part walks the primary key
 * from one end or from a random point (a fraction of the way from the smallest id to the largest, each read through
 * the index on its own), so the statement reads at most 2 × SAMPLE_END_ROWS + SAMPLE_RANDOM_ROWS rows.
 */
export function sampleSql(model: string, fields: readonly string[], dialect: Dialect, fractions: readonly number[]): string {
  const columns = fields.map((f, i) => `${keyIdExpression(f, dialect)} AS "k${i}"`).join(', ');
  const table = `"${model}"`;
  const part = (where: string, order: string, limit: number, n: number) =>
    `SELECT ${columns} FROM (SELECT * FROM ${table}${where} ORDER BY "id"${order} LIMIT ${limit}) AS s${n}`;
  const [min, max] = [`(SELECT min("id") FROM ${table})`, `(SELECT max("id") FROM ${table})`];
  const parts = [part('', '', SAMPLE_END_ROWS, 0), part('', ' DESC', SAMPLE_END_ROWS, 1)];
  // An integer bound, so that PostgreSQL compares the integer id with an integer and walks the index.
  fractions.forEach((f, i) => parts.push(part(` WHERE "id" >= CAST(${min} + (${max} - ${min}) * ${f.toFixed(6)} AS INTEGER)`, '', 1, i + 2)));
  return parts.join(' UNION ALL ');
}

/** Random points between a table's smallest and largest id. */
const randomFractions = (): number[] => Array.from({ length: SAMPLE_RANDOM_ROWS }, () => randomInt(1_000_000) / 1_000_000);

function collect(rows: readonly Record<string, unknown>[], ids: Set<string>): void {
  for (const row of rows) for (const id of Object.values(row)) if (typeof id === 'string' && id !== '') ids.add(id);
}

/** On an SQLite file's own connection (start-up, before the database is opened). */
export function sampleKeyIdsSqlite(raw: BetterSqlite3.Database): KeyIdSample {
  const tables = new Set((raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  const ids = new Set<string>();
  let rowsRead = 0;
  for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
    if (!tables.has(model)) continue;
    const rows = raw.prepare(sampleSql(model, fields, 'sqlite', randomFractions())).all() as Record<string, unknown>[];
    rowsRead += rows.length;
    collect(rows, ids);
  }
  return { keyIds: [...ids], rowsRead };
}

/** Through the database's plain SQL (PostgreSQL, once it is open). */
export async function sampleKeyIds(sql: Sql): Promise<KeyIdSample> {
  const ids = new Set<string>();
  let rowsRead = 0;
  for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
    const rows = await sql.all(sampleSql(model, fields, sql.dialect, randomFractions()));
    rowsRead += rows.length;
    collect(rows, ids);
  }
  return { keyIds: [...ids], rowsRead };
}
