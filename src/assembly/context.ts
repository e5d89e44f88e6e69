import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Clock, Logger } from '../application/ports.ts';
import { databaseUrlProblem, dialectOf, redactUrl, sqlitePathFromUrl, type Database } from '../adapters/db/database.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { openDatabase } from '../adapters/db/open-database.ts';
import { FieldCipher } from '../adapters/crypto/field-cipher.ts';
import { checkKeyringFitsDatabase, loadDataKeyring, loadServerDataKeyring } from '../adapters/db/data-key-setup.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { systemClock } from '../adapters/clock/clocks.ts';
import { createWorkCalendar } from '../adapters/calendar/create-work-calendar.ts';
import { closePdfWorkers } from '../adapters/pdf/pdf-worker-pool.ts';
import { configuredPlatforms } from './platforms/registry.ts';
import { t } from '../templates.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';

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
  /** Where a person reads what they must know once (a key created or moved, file modes fixed); default: the log. */
  notice?: (text: string) => void;
}

/** A temporary database removed after the run (simulations): its key lives in memory only, no key file is made. */
export function withThrowawayKey(config: Config): Config {
  return { ...config, dataKey: { devKeyDir: config.dataKey.devKeyDir, key: randomBytes(32).toString('base64') } };
}

export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const notice = options.notice ?? ((text: string) => logger.warn(text));
  // Slack or Teams configured: the production key must be given, the demo's development key is never made.
  const production = configuredPlatforms(config).length > 0;
  const problem = databaseUrlProblem(config.databaseUrl); // `--database` of the simulations bypasses loadConfig
  if (problem) throw new AppError(ErrorCode.ConfigInvalid, `DATABASE_URL: ${problem}`);
  // The key must not sit in the data folder (SQLite); PostgreSQL has no data folder of ours.
  const onServer = dialectOf(config.databaseUrl) === 'postgres';
  const keyring = onServer
    ? loadServerDataKeyring(config.dataKey, redactUrl(config.databaseUrl), logger, { production, notice })
    : loadDataKeyring(config.dataKey, sqlitePathFromUrl(config.databaseUrl), logger, { production, notice });
  const db = await openDatabase(config.databaseUrl, {
    cipher: new FieldCipher(keyring),
    onModesFixed: (paths) => notice(t('security.keys.modesFixed', { paths: paths.join(', ') })),
  });
  if (onServer) await checkKeyringFitsDatabase(keyring, db).catch(async (e: unknown) => {
    await db.close();
    throw e;
  });
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

