import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Clock, Logger } from '../application/ports.ts';
import { databaseUrlProblem, dialectOf, sqlitePathFromUrl, type Database } from '../adapters/db/database.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { openDatabase } from '../adapters/db/open-database.ts';
import { FieldCipher } from '../adapters/crypto/field-cipher.ts';
import { loadDataKeyring } from '../adapters/db/data-key-setup.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { systemClock } from '../adapters/clock/clocks.ts';
import { createWorkCalendar } from '../adapters/calendar/create-work-calendar.ts';
import { closePdfWorkers } from '../adapters/pdf/pdf-worker-pool.ts';
import { configuredPlatforms } from './platforms/registry.ts';
import { t } from '../templates.ts';
import type { WorkCalendar } from '../domain/calendar/work-calendar.ts';

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
  const keyring = loadDataKeyring(config.dataKey, keyScopeOf(config), logger, { production, notice });
  const db = await openDatabase(config.databaseUrl, {
    cipher: new FieldCipher(keyring),
    onModesFixed: (paths) => notice(t('security.keys.modesFixed', { paths: paths.join(', ') })),
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

/**
 * The path the data key is checked against. SQLite: the database file, and a key file anywhere in its folder is
 * refused (a copy of the folder must not carry the key). PostgreSQL keeps the data on a server, with no folder here
 * that a copy could take along: that rule has nothing to check, so the scope is a name under the key folder itself
 * (never a data folder, never a file), which only tells the development key of one database (server, port, database
 * name; never the password) from another's.
 */
function keyScopeOf(config: Config): string {
  if (dialectOf(config.databaseUrl) === 'sqlite') return sqlitePathFromUrl(config.databaseUrl);
  const url = new URL(config.databaseUrl);
  const name = `${url.hostname}_${url.port || '5432'}_${decodeURIComponent(url.pathname.slice(1))}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(config.dataKey.devKeyDir, 'postgres', name);
}
