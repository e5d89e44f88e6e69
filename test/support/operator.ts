import BetterSqlite3 from 'better-sqlite3';
import type { AppContext } from '../../src/assembly/context.ts';
import type { Database } from '../../src/adapters/db/database.ts';
import { hashPassword } from '../../src/adapters/crypto/password-hash.ts';

/**
 * CLI operators in tests (security annex art. 18): `--by X` alone proves nothing, so tests give the people they
 * act as a password (scrypt, like `kaiheisen staff password`) and pass it the way scripts do.
 */
export const OPERATOR_PASSWORD = 'test-operator-password';

/** The environment a script sets next to `--by` / KAIHEISEN_OPERATOR. */
export const operatorEnv = { KAIHEISEN_OPERATOR_PASSWORD: OPERATOR_PASSWORD } as const;

/** Everyone the tests act as, in examples/staff.yaml and the test staff files. */
export const TEST_OPERATORS = ['w01', 'w02', 'w03', 'w04', 'w05', 'c01', 'c02', 's01', 'a01'];

let hash: Promise<string> | undefined;

/** Stores the test password's hash for each id (setup: one scrypt for all, a person may be loaded later). */
export async function givePasswords(db: Database, ids: readonly string[] = TEST_OPERATORS): Promise<void> {
  const stored = await (hash ??= hashPassword(OPERATOR_PASSWORD));
  const setAt = new Date(0);
  await db.write(async (tx) => {
    for (const personId of ids) await tx.operatorCredential.upsert({ where: { personId }, create: { personId, hash: stored, setAt, setBy: personId }, update: { hash: stored } });
  });
}

/**
 * The context of runCommand tests as a script runs: KAIHEISEN_OPERATOR (`operator`, null: none; `--by` wins) and
 * KAIHEISEN_OPERATOR_PASSWORD, everyone of TEST_OPERATORS having that password.
 */
export async function asOperator(ctx: AppContext, operator: string | null = 'w01'): Promise<AppContext> {
  await givePasswords(ctx.db);
  return { ...ctx, config: { ...ctx.config, operator: operator ?? undefined, operatorPassword: OPERATOR_PASSWORD } };
}

/** An active admin (`a01`) for tests whose data has none: the operator of backups, keys, purge, export, audit, reports. */
export async function addAdmin(db: Database, id = 'a01', affiliation: 'contractor' | 'bureau' = 'contractor'): Promise<string> {
  await db.write((tx) => tx.person.create({ data: { id, affiliation, name: '管理 一郎', isAdmin: true } }));
  return id;
}

/**
 * An admin (`id`, default a01) with the test password, written straight into the SQLite file: for tests whose
 * database is made by the CLI or the bot itself, where no AppContext of the test's own is open.
 */
export async function grantAdminInFile(path: string, id = 'a01'): Promise<void> {
  const stored = await (hash ??= hashPassword(OPERATOR_PASSWORD));
  const raw = new BetterSqlite3(path, { timeout: 10_000 });
  try {
    const now = new Date().toISOString();
    raw.prepare(`INSERT INTO "Person" ("id", "affiliation", "name", "isAdmin", "updatedAt") VALUES (?, 'contractor', '管理 一郎', 1, ?)
      ON CONFLICT ("id") DO UPDATE SET "isAdmin" = 1, "active" = 1`).run(id, now);
    raw.prepare(`INSERT INTO "OperatorCredential" ("personId", "hash", "setAt", "setBy") VALUES (?, ?, ?, ?)
      ON CONFLICT ("personId") DO UPDATE SET "hash" = excluded."hash"`).run(id, stored, now, id);
  } finally {
    raw.close();
  }
}

/** The test password for `ids`, written straight into the SQLite file (a database the CLI made, no context open). */
export async function givePasswordsInFile(path: string, ids: readonly string[]): Promise<void> {
  const stored = await (hash ??= hashPassword(OPERATOR_PASSWORD));
  const raw = new BetterSqlite3(path, { timeout: 10_000 });
  try {
    const insert = raw.prepare(`INSERT INTO "OperatorCredential" ("personId", "hash", "setAt", "setBy") VALUES (?, ?, ?, ?)
      ON CONFLICT ("personId") DO UPDATE SET "hash" = excluded."hash"`);
    for (const id of ids) insert.run(id, stored, new Date().toISOString(), id);
  } finally {
    raw.close();
  }
}

/** `kaiheisen ARGV` in this process as operator `by` (with its test password) on the database at `databaseUrl`. */
export async function runCliAs(databaseUrl: string, by: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { runCli } = await import('../../src/cli/index.ts');
  let out = '';
  let err = '';
  const env = { DATABASE_URL: databaseUrl, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: by, ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
