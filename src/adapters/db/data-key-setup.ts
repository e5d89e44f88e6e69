import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../../application/ports.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { ENCRYPTED_PREFIX } from '../crypto/field-cipher.ts';
import { generateDataKey, keyringFromEnv, readKeyFile, writeKeyFile, type Keyring } from '../crypto/keyring.ts';
import type { Database, Dialect } from './database.ts';
import { refuseDevKeyWithData, refuseKeyFileWithData } from './key-placement.ts';
import { keyIdOfColumn, sampleKeyIds, sampleKeyIdsSqlite } from './stored-key-ids.ts';

/** The key settings, as read by src/config.ts. */
export interface DataKeySettings {
  /** KAIHEISEN_DATA_KEY */
  key?: string;
  /** KAIHEISEN_DATA_KEY_FILE */
  keyFile?: string;
  /** systemd's $CREDENTIALS_DIRECTORY: its `kaiheisen-data-key` is the key file when neither of the above is set. */
  credentialsDir?: string;
  /** <XDG_CONFIG_HOME or ~/.config>/kaiheisen: where the demo keeps its development keys. */
  devKeyDir: string;
  /** KAIHEISEN_SHARED_DIR: it holds backups and reports, so no key file may be in it. */
  sharedDir?: string;
}

export interface KeyringOptions {
  /** Slack or Teams is configured: the key must be given (KAIHEISEN_DATA_KEY[_FILE] or a credential). */
  production: boolean;
  /** What a person must read once (a key created or moved, a key file left in the data folder). */
  notice: (text: string) => void;
  /** A development key file was just made (the caller removes it when the database then fails to open). */
  onCreated?: (path: string) => void;
  now?: Date;
}

/** The key file of versions before 2026-12, next to the database; moved (demo) or refused (production). */
export const OLD_KEY_FILE_NAME = 'kaiheisen.key';
export const CREDENTIAL_NAME = 'kaiheisen-data-key';
const DEV_KEY_PURPOSE = 'development';

/** The demo's key for one database: one file per absolute database path, in the user's configuration folder. */
export function developmentKeyFile(devKeyDir: string, databasePath: string): string {
  const name = /^postgres(ql)?:\/\//i.test(databasePath) ? databasePath : resolve(databasePath);
  const id = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return join(devKeyDir, `development-key-${id}.json`);
}

/**
 * The keyring for a PostgreSQL database (`url` without its password names it for the demo's key): there is no data
 * folder to keep keys out of, and the key is checked against the data once the database is open
 * (checkKeyringFitsDatabase).
 */
export function loadServerDataKeyring(settings: DataKeySettings, url: string, logger: Logger, options: KeyringOptions): Keyring {
  if (settings.key && settings.keyFile) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.bothGiven'));
  const given = givenKeyFile(settings);
  if (settings.key) return keyringFromEnv(settings.key);
  if (given) {
    refuseKeyFileWithData(given.path, given.setting, { sharedDir: settings.sharedDir });
    return readKeyFile(given.path);
  }
  if (options.production) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.requiredServer', { database: url }));
  const path = developmentKeyFile(settings.devKeyDir, serverDatabaseOf(url));
  refuseDevKeyWithData(path, settings.devKeyDir, { sharedDir: settings.sharedDir });
  if (existsSync(path)) return readKeyFile(path);
  return newDevelopmentKey(path, { purpose: DEV_KEY_PURPOSE, label: t('security.keys.devLabel'), database: serverDatabaseOf(url) }, logger, options);
}

function newDevelopmentKey(path: string, label: Record<string, unknown>, logger: Logger, options: KeyringOptions): Keyring {
  const key = generateDataKey(options.now ?? new Date());
  writeKeyFile(path, { current: key, keys: [key] }, label);
  options.onCreated?.(path);
  logger.info('development data key created', { path, keyId: key.id });
  options.notice(t('security.keys.devCreated', { path }));
  return { source: { kind: 'file', path }, current: key, keys: [key] };
}

/**
 * Which database a PostgreSQL URL names, however it is spelled (postgresql://, a password, query options): the
 * development key is one per database. localhost and 127.0.0.1 are told apart, as the server may be.
 */
function serverDatabaseOf(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1))}`;
  } catch {
    return url;
  }
}

/** PostgreSQL: a key that cannot read the database's values is refused once it is open, before anything runs. */
export async function checkKeyringFitsDatabase(ring: Keyring, db: Database): Promise<void> {
  for (const keyId of (await db.statements((sql) => sampleKeyIds(sql))).keyIds) {
    if (!ring.keys.some((k) => k.id === keyId)) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.unknownKey', { keyId }));
  }
}

/**
 * The keyring for this database. Keys never live in the database's folder (a copy of the folder must not carry
 * the key): a key file there is refused, and the old default one next to the database is moved out (demo) or
 * refused with instructions (production); it is never deleted before its copy is read back. A key that cannot
 * read the database's values is refused here, before anything runs.
 */
export function loadDataKeyring(settings: DataKeySettings, databasePath: string, logger: Logger, options: KeyringOptions): Keyring {
  if (settings.key && settings.keyFile) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.bothGiven'));
  const given = givenKeyFile(settings);
  const oldFile = join(dirname(databasePath), OLD_KEY_FILE_NAME);
  let ring: Keyring;
  if (settings.key || given) {
    if (given) refuseKeyFileWithData(given.path, given.setting, { databasePath, sharedDir: settings.sharedDir });
    if (existsSync(oldFile)) {
      logger.warn('an old key file is left in the database folder and is not used', { path: oldFile });
      options.notice(t('security.keys.oldFileLeft', { path: oldFile }));
    }
    ring = settings.key ? keyringFromEnv(settings.key) : readKeyFile(given!.path);
  } else if (options.production) {
    throw new AppError(ErrorCode.ConfigInvalid, requiredMessage(settings, databasePath, oldFile));
  } else {
    ring = developmentKeyring(settings, databasePath, oldFile, logger, options);
  }
  checkKeyringFits(ring, databasePath);
  return ring;
}

function givenKeyFile(settings: DataKeySettings): { path: string; setting: string } | undefined {
  if (settings.keyFile) return { path: resolve(settings.keyFile), setting: 'KAIHEISEN_DATA_KEY_FILE' };
  if (settings.key || !settings.credentialsDir) return undefined;
  const credential = join(settings.credentialsDir, CREDENTIAL_NAME);
  return existsSync(credential) ? { path: credential, setting: `CREDENTIALS_DIRECTORY (${CREDENTIAL_NAME})` } : undefined;
}

function requiredMessage(settings: DataKeySettings, databasePath: string, oldFile: string): string {
  const lines = [t('security.keys.required', { folder: dirname(databasePath) })];
  if (existsSync(oldFile)) lines.push(t('security.keys.requiredOldFile', { path: oldFile }));
  const devFile = developmentKeyFile(settings.devKeyDir, databasePath);
  if (existsSync(devFile)) lines.push(t('security.keys.requiredDevKey', { path: devFile }));
  return lines.join('\n');
}

function developmentKeyring(settings: DataKeySettings, databasePath: string, oldFile: string, logger: Logger, options: KeyringOptions): Keyring {
  const path = developmentKeyFile(settings.devKeyDir, databasePath);
  refuseDevKeyWithData(path, settings.devKeyDir, { databasePath, sharedDir: settings.sharedDir });
  if (existsSync(oldFile)) return moveOldKeyFile(oldFile, path, databasePath, logger, options);
  if (existsSync(path)) return readKeyFile(path);
  if (storedKeyIds(databasePath).length > 0) {
    throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.missingForData', { database: databasePath, path }));
  }
  return newDevelopmentKey(path, developmentLabel(databasePath), logger, options);
}

function developmentLabel(databasePath: string): Record<string, unknown> {
  return { purpose: DEV_KEY_PURPOSE, label: t('security.keys.devLabel'), database: resolve(databasePath) };
}

/** Copy, read the copy back, then remove the old file: at every step one complete copy of the key exists. */
function moveOldKeyFile(oldFile: string, path: string, databasePath: string, logger: Logger, options: KeyringOptions): Keyring {
  const old = readKeyFile(oldFile);
  if (!existsSync(path)) writeKeyFile(path, old, developmentLabel(databasePath));
  const moved = readKeyFile(path);
  const kept = old.keys.every((k) => moved.keys.some((m) => m.id === k.id && m.key.equals(k.key)));
  if (!kept) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.twoKeyFiles', { old: oldFile, path }));
  rmSync(oldFile);
  logger.info('development data key moved out of the database folder', { from: oldFile, to: path });
  options.notice(t('security.keys.devMoved', { old: oldFile, path }));
  return moved;
}

function checkKeyringFits(ring: Keyring, databasePath: string): void {
  for (const keyId of storedKeyIds(databasePath)) {
    if (!ring.keys.some((k) => k.id === keyId)) throw new AppError(ErrorCode.ConfigInvalid, t('security.keys.unknownKey', { keyId }));
  }
}

/** The ids of the keys the database's encrypted values use, from a bounded sample of each table (stored-key-ids.ts). */
function storedKeyIds(databasePath: string): string[] {
  if (!existsSync(databasePath)) return [];
  const raw = new BetterSqlite3(databasePath, { readonly: true, fileMustExist: true });
  try {
    return sampleKeyIdsSqlite(raw).keyIds;
  } finally {
    raw.close();
  }
}

/** Distinct key ids of one column's encrypted values (`enc:v1:<keyId>:...`), with their counts. */
export const keyIdCountsSql = (model: string, field: string, dialect: Dialect): string =>
  `SELECT ${keyIdOfColumn(field, dialect)} AS "keyId", count(*) AS n FROM "${model}" WHERE "${field}" LIKE '${ENCRYPTED_PREFIX}%' GROUP BY 1`;

/** keyIdCountsSql on an SQLite file's own connection (backups). */
export function keyIdCounts(raw: BetterSqlite3.Database, model: string, field: string): Map<string, number> {
  const rows = raw.prepare(keyIdCountsSql(model, field, 'sqlite')).all() as { keyId: string; n: number }[];
  return new Map(rows.map((r) => [r.keyId, r.n]));
}
