import { Command, CommanderError } from 'commander';
import type { CliDeps } from '../../src/cli/index.ts';
import type { PostgresDatabase } from '../../src/adapters/db/postgres/postgres-database.ts';
import type { AppContext } from '../../src/assembly/context.ts';
import { loadConfig } from '../../src/config.ts';
import { createWorkCalendar } from '../../src/adapters/calendar/create-work-calendar.ts';
import { createLogger } from '../../src/adapters/log/logger.ts';
import type { Clock } from '../../src/application/ports.ts';
import { toAppError } from '../../src/errors.ts';
import type { Database } from '../../src/adapters/db/database.ts';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
  logs: string[];
}

/** A context on an already opened (encrypted) test database; closing it is the test's business. */
export function testContext(db: Database, clock: Clock, logs: string[] = []): AppContext {
  const config = loadConfig({ DATABASE_URL: db.file ? `file:${db.file}` : (db as PostgresDatabase).url, KAIHEISEN_LOG_LEVEL: 'info' });
  return { config, db, clock, logger: createLogger('info', (l) => void logs.push(l)), calendar: createWorkCalendar(config.calendar), close: async () => undefined };
}

/** Runs one command file's `register` the way src/cli/index.ts does, on a given context. */
export async function runCommand(
  register: (program: Command, deps: CliDeps) => void,
  argv: string[],
  ctx: AppContext,
): Promise<CommandRun> {
  const run: CommandRun = { code: 0, out: '', err: '', logs: [] };
  const deps: CliDeps = { context: async () => ctx, config: async () => ctx.config, out: (s) => void (run.out += s), err: (s) => void (run.err += s) };
  const program = new Command('kaiheisen').exitOverride().configureOutput({ writeOut: deps.out, writeErr: deps.err });
  register(program, deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) run.code = e.exitCode === 0 ? 0 : 2;
    else {
      run.code = 1;
      run.err += `${toAppError(e).message}\n`;
    }
  }
  return run;
}
