import { resolve } from 'node:path';
import type { PrismaClient, Prisma } from './generated/client.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { AuditSealer, CommittedHead } from './audit-chain.ts';
import { AppError, ErrorCode } from '../../errors.ts';

export type Tx = Prisma.TransactionClient;
export type { PrismaClient };

/** Which server holds the data: an SQLite file (the embedded default) or PostgreSQL (several instances). */
export type Dialect = 'sqlite' | 'postgres';

export interface SqlRun {
  /** Rows the statement changed. */
  changes: number;
}

/**
 * Plain SQL beside the Prisma client, for hot paths and statements Prisma cannot express. Statements are written once
 * with `?` placeholders and SQL both servers accept (`ON CONFLICT`, `RETURNING`, `TRUE`); where they differ, the
 * store branches on `dialect`. Instants are passed as `timestamp(at)`; rows come back as the driver gives them
 * (SQLite: ISO text, PostgreSQL: Date; counts may be bigint or text): convert with `new Date(…)` and `Number(…)`.
 */
export interface Sql {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T | undefined>;
  run(text: string, ...params: unknown[]): Promise<SqlRun>;
}

/** How an instant is passed to SQL: ISO 8601 with an explicit +00:00, as Prisma's SQLite adapter stores it (and
 * PostgreSQL reads into timestamptz). */
export const timestamp = (at: Date): string => at.toISOString().replace('Z', '+00:00');

/**
 * The database, whichever server holds it. Reads may go straight to the client; every write goes through `write`
 * (an interactive transaction) or `statements` (plain SQL), which run one at a time in this process and, across
 * processes, as one writer at a time: SQLite's write lock, or a transaction-wide advisory lock on PostgreSQL. Code
 * written for SQLite's single writer (read, decide, write in one transaction) stays correct with several instances.
 */
export interface Database {
  readonly dialect: Dialect;
  readonly prisma: PrismaClient;
  readonly read: PrismaClient;
  /** Where the data is, for messages: the file path, or the URL without its password. */
  readonly location: string;
  /** The SQLite file; undefined on PostgreSQL. */
  readonly file: string | undefined;
  /** Encrypts personal fields at rest (field-encryption.ts); absent only in tests that opt out. */
  readonly cipher?: FieldCipher;
  readonly auditSealer: AuditSealer;
  write<T>(fn: (tx: Tx) => Promise<T>, options?: { timeoutMs?: number }): Promise<T>;
  /** A single statement or a few, without an interactive transaction (the ack path). */
  run<T>(fn: (client: PrismaClient) => Promise<T>): Promise<T>;
  /** Plain SQL on the write queue; `transaction: true` runs them as one writer's transaction. */
  statements<T>(fn: (sql: Sql) => Promise<T>, options?: { transaction?: boolean }): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Personal fields are encrypted with it (see field-encryption.ts). */
  cipher?: FieldCipher;
  /** Told once which files or folders had modes others could read, now narrowed (SQLite). */
  onModesFixed?: (paths: string[]) => void;
  /**
   * Told the audit chain head (last id and hash, no personal data) after each committed write that appended audit
   * rows: the context logs it, a witness outside the database of how far the trail reached (audit-chain.ts).
   */
  onAuditHead?: (head: CommittedHead) => void;
}

export function sqlitePathFromUrl(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') {
    throw new AppError(ErrorCode.ConfigInvalid, 'DATABASE_URL: メモリ上のデータベースは使えません。file:パス を指定してください');
  }
  if (!url.startsWith('file:')) {
    throw new AppError(ErrorCode.ConfigInvalid, `DATABASE_URL は file: で始まる SQLite のパスです (受け取った値: ${url})`);
  }
  return resolve(url.slice('file:'.length).replace(/\?.*$/, ''));
}

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

export function dialectOf(url: string): Dialect {
  if (isPostgresUrl(url)) return 'postgres';
  if (url.startsWith('file:')) return 'sqlite';
  throw new AppError(ErrorCode.ConfigInvalid, `DATABASE_URL は file:パス (SQLite) か postgres://… (PostgreSQL) です (受け取った値: ${redactUrl(url)})`);
}

/**
 * What is wrong with a DATABASE_URL, in Japanese, or undefined when it names an SQLite file or a PostgreSQL database.
 * The message never repeats a password.
 */
export function databaseUrlProblem(url: string): string | undefined {
  if (isPostgresUrl(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `postgres://ユーザー:パスワード@ホスト:ポート/データベース名 の形で指定してください (受け取った値: ${redactUrl(url)})`;
    }
    if (!parsed.hostname) return `PostgreSQL のホスト名がありません (受け取った値: ${redactUrl(url)})`;
    if (parsed.pathname.length <= 1) return `PostgreSQL のデータベース名がありません: postgres://…/データベース名 (受け取った値: ${redactUrl(url)})`;
    return undefined;
  }
  if (url === ':memory:' || url === 'file::memory:') return 'メモリ上のデータベースは使えません。file:パス を指定してください';
  if (!url.startsWith('file:') || url.length === 'file:'.length) {
    return `file:パス (SQLite) か postgres://… (PostgreSQL) で指定してください (受け取った値: ${redactUrl(url)})`;
  }
  return undefined;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  // The driver also takes the password as a query parameter (?password=…, &sslpassword=…).
  const query = (u: string) => u.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  const at = url.lastIndexOf('@'); // the last one: a password may hold an unescaped @ (a query string rarely does)
  if (!scheme || at < 0) return query(url);
  const userinfo = url.slice(scheme[0].length, at);
  const colon = userinfo.indexOf(':');
  return query(colon < 0 ? url : `${scheme[0]}${userinfo.slice(0, colon)}:***${url.slice(at)}`);
}

/** SQLite's busy answers and Prisma's lock time-outs, retried a few times by the write queue. */
export function isBusyError(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${(e as { code?: string }).code ?? ''}` : String(e);
  return /SQLITE_BUSY|database is locked|P1008|Socket timeout/i.test(text);
}

export async function retryWhenBusy<T>(fn: () => Promise<T>, isRetryable: (e: unknown) => boolean = isBusyError, retries = 5): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isRetryable(e) || attempt >= retries) throw e;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

/** One promise chain: what is put on it runs one at a time, in order, whatever the one before did. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  push<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
  drained(): Promise<unknown> {
    return this.tail.catch(() => undefined);
  }
}
