import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Clock, Logger } from '../application/ports.ts';
import { databaseUrlProblem, dialectOf, redactUrl, sqlitePathFromUrl, type Database } from '../adapters/db/database.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { openDatabase } from '../adapters/db/open-database.ts';
import { checkDatabaseAccess } from '../adapters/db/sqlite/database-access.ts';
import { FieldCipher } from '../adapters/crypto/field-cipher.ts';
import { checkKeyringFitsDatabase, loadDataKeyring, loadServerDataKeyring } from '../adapters/db/data-key-setup.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { systemClock } from '../adapters/clock/clocks.ts';
import { createWorkCalendar } from '../adapters/calendar/create-work-calendar.ts';
import { closePdfWorkers } from '../adapters/pdf/pdf-worker-pool.ts';
import { configuredPlatforms } from './platforms/registry.ts';
import { t } from '../templates.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';

/** The log line after each committed write that appended audit rows (grep for it: runbook 3.1). */
export const AUDIT_HEAD_LOG = 'audit chain head';

/** Why a `--database` value (the simulations') is no database URL, or undefined: checked before anything opens. */
export { databaseUrlProblem };

/** The composition root: the one place that picks adapters and wires them into the use cases. */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  calendar: WorkCalendar;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
  /** Where a person reads what they must know once (a key created or moved, file modes fixed), in Japanese; the log
   * gets its own English line either way. Default: nowhere else (`kaiheisen start` passes stderr). */
  notice?: (text: string) => void;
}

/** A temporary database removed after the run (simulations): its key lives in memory only, no key file is made. */
export function withThrowawayKey(config: Config): Config {
  return { ...config, dataKey: { devKeyDir: config.dataKey.devKeyDir, key: randomBytes(32).toString('base64') } };
}

/** The database, opened with its data key (refused when this OS account cannot open the SQLite file, or the key does not fit). */
async function openWithDataKey(config: Config, logger: Logger, notice: (text: string) => void): Promise<Database> {
  // Slack or Teams configured: the production key must be given, the demo's development key is never made.
  const production = configuredPlatforms(config).length > 0;
  // The key must not sit in the data folder (SQLite) nor in the shared folder; PostgreSQL has no data folder of ours.
  const onServer = dialectOf(config.databaseUrl) === 'postgres';
  // An SQLite file this OS account cannot open is refused first, before a development key is made for it.
  if (!onServer) checkDatabaseAccess(sqlitePathFromUrl(config.databaseUrl));
  const settings = { ...config.dataKey, sharedDir: config.sharedDir };
  let createdKey: string | undefined;
  const keyOptions = { production, notice, onCreated: (path: string) => void (createdKey = path) };
  const keyring = onServer
    ? loadServerDataKeyring(settings, redactUrl(config.databaseUrl), logger, keyOptions)
    : loadDataKeyring(settings, sqlitePathFromUrl(config.databaseUrl), logger, keyOptions);
  const db = await openDatabase(config.databaseUrl, {
    cipher: new FieldCipher(keyring),
    onModesFixed: (paths) => {
      logger.warn('database file and folder modes narrowed to the owner', { paths: paths.join(', ') });
      notice(t('security.keys.modesFixed', { paths: paths.join(', ') }));
    },
    // A witness of the trail's end outside the database: `audit verify --anchor` takes the hash (runbook 3.1).
    onAuditHead: (head) => logger.info(AUDIT_HEAD_LOG, { auditLastId: head.lastId, auditHead: head.hash }),
  }).catch((e: unknown) => {
    if (createdKey && !onServer) removeUnusedKey(createdKey, sqlitePathFromUrl(config.databaseUrl));
    throw e;
  });
  if (onServer) await checkKeyringFitsDatabase(keyring, db).catch(async (e: unknown) => {
    await db.close();
    throw e;
  });
  return db;
}

/**
 * A development key made for an SQLite database whose file then could not be created: nothing was encrypted or
 * sealed with it, so no stray key is left behind for a database that does not exist.
 */
function removeUnusedKey(keyFile: string, databasePath: string): void {
  if (!existsSync(databasePath)) rmSync(keyFile, { force: true });
}

export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  // Each notice has its English log line where it is raised; the person reads the Japanese text here, if anywhere.
  const notice = options.notice ?? (() => undefined);
  const problem = databaseUrlProblem(config.databaseUrl); // `--database` of the simulations bypasses loadConfig
  if (problem) throw new AppError(ErrorCode.ConfigInvalid, `DATABASE_URL: ${problem}`);
  const db = await openWithDataKey(config, logger, notice);
  return {
    config,
    db,
    clock: options.clock ?? systemClock,
    logger,
    calendar: createWorkCalendar(config.calendar),
    close: async () => {
      await closePdfWorkers(); // a report still rendering finishes first
      await db.close();
    },
  };
}

