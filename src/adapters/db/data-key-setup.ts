import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../../application/ports.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { ENCRYPTED_PREFIX } from '../crypto/field-cipher.ts';
import { generateDataKey, keyringFromEnv, readKeyFile, writeKeyFile, type Keyring } from '../crypto/keyring.ts';
import { ENCRYPTED_FIELDS } from './field-encryption.ts';

/** KAIHEISEN_DATA_KEY / KAIHEISEN_DATA_KEY_FILE, as read by src/config.ts. */
export interface DataKeySettings {
  key?: string;
  keyFile?: string;
}

export const DEFAULT_KEY_FILE_NAME = 'kaiheisen.key';

/** Where the key file goes when none is configured: next to the database (data/kaiheisen.key by default). */
export function defaultKeyFile(databasePath: string): string {
  return join(dirname(databasePath), DEFAULT_KEY_FILE_NAME);
}

/**
 * The keyring for this database. With no setting, the default key file is used, and created once on
 * a fresh machine (mode 0600, logged without key material). It is never created for a database that
 * already holds encrypted values: a lost key must be an error, not a new key. A key that cannot
 * read the database's values is refused here, before anything runs.
 */
export function loadDataKeyring(settings: DataKeySettings, databasePath: string, logger: Logger, now = new Date()): Keyring {
  if (settings.key && settings.keyFile) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.bothGiven'));
  const ring = settings.key
    ? keyringFromEnv(settings.key)
    : settings.keyFile
      ? readKeyFile(settings.keyFile)
      : defaultKeyring(databasePath, logger, now);
  checkKeyringFits(ring, databasePath);
  return ring;
}

function defaultKeyring(databasePath: string, logger: Logger, now: Date): Keyring {
  const path = defaultKeyFile(databasePath);
  if (existsSync(path)) return readKeyFile(path);
  if (storedKeyIds(databasePath).length > 0) {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.missingForData', { database: databasePath, path }));
  }
  const key = generateDataKey(now);
  writeKeyFile(path, { current: key, keys: [key] });
  logger.info(t('security.keys.created'), { path, keyId: key.id });
  return { source: { kind: 'file', path }, current: key, keys: [key] };
}

function checkKeyringFits(ring: Keyring, databasePath: string): void {
  for (const keyId of storedKeyIds(databasePath)) {
    if (!ring.keys.some((k) => k.id === keyId)) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.unknownKey', { keyId }));
  }
}

/**
 * The ids of the keys the database uses: every encrypted column of a table in ONE pass over the table (an added
 * column costs no further scan), so the start-up check grows with the rows, not with rows × columns.
 */
function storedKeyIds(databasePath: string): string[] {
  if (!existsSync(databasePath)) return [];
  const raw = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    const ids = new Set<string>();
    const tables = new Set((raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    for (const [model, fields] of Object.entries(ENCRYPTED_FIELDS)) {
      if (tables.has(model)) for (const id of keyIdsOfTable(raw, model, fields)) ids.add(id);
    }
    return [...ids];
  } finally {
    raw.close();
  }
}

const START = ENCRYPTED_PREFIX.length + 1;
/** The key id of a column's value (`enc:v1:<keyId>:...`), NULL for plaintext and NULL. */
const keyIdExpression = (field: string) =>
  `CASE WHEN "${field}" LIKE '${ENCRYPTED_PREFIX}%' THEN substr("${field}", ${START}, instr(substr("${field}", ${START}), ':') - 1) END`;

function keyIdsOfTable(raw: BetterSqlite3.Database, model: string, fields: readonly string[]): Set<string> {
  const sql = `SELECT DISTINCT ${fields.map(keyIdExpression).join(', ')} FROM "${model}"`;
  const ids = new Set<string>();
  for (const row of raw.prepare(sql).raw().all() as (string | null)[][]) for (const id of row) if (id !== null) ids.add(id);
  return ids;
}

/** Distinct key ids of one column's encrypted values (`enc:v1:<keyId>:...`), with their counts. */
export function keyIdCounts(raw: BetterSqlite3.Database, model: string, field: string): Map<string, number> {
  const sql = `SELECT substr("${field}", ${START}, instr(substr("${field}", ${START}), ':') - 1) AS "keyId", count(*) AS n
    FROM "${model}" WHERE "${field}" LIKE '${ENCRYPTED_PREFIX}%' GROUP BY "keyId"`;
  const rows = raw.prepare(sql).all() as { keyId: string; n: number }[];
  return new Map(rows.map((r) => [r.keyId, r.n]));
}
