import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { OffsetClock } from '../../adapters/clock/clocks.ts';
import { choosePlatforms, configuredPlatforms } from '../../assembly/platforms/registry.ts';
import { dateRefusal } from '../../assembly/console-clock.ts';
import { startConfiguredBot } from '../../assembly/start-configured.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';

export interface StartFlags {
  date?: string;
  console?: boolean;
}

export async function start(deps: CliDeps, opts: StartFlags, command: Command): Promise<void> {
  const consoleRuns = opts.console === true || choosePlatforms({ configured: configuredPlatforms(await deps.config()) }).includes('console');
  const usage = (message: string) => command.error(message, { exitCode: 2, code: 'kaiheisen.usage' });
  if (opts.date !== undefined && !isIsoDate(opts.date)) usage(t('bot.badDate', { value: opts.date }));
  if (opts.date !== undefined && !consoleRuns) usage(t('bot.dateNeedsConsole'));
  const clock = consoleRuns ? new OffsetClock() : undefined;
  // Said on the terminal, not only in the log: a development key made or moved, file modes narrowed.
  const notice = (text: string) => deps.err(`${text}\n`);
  const ctx = await deps.context(clock ? { clock, notice } : { notice });
  const closed = opts.date !== undefined ? dateRefusal(ctx, opts.date) : undefined;
  if (closed) usage(closed);
  const bot = await startConfiguredBot(ctx, {
    date: opts.date,
    console: opts.console === true,
    ...(clock ? { drivenClock: clock } : {}),
    input: process.stdin,
    interactive: process.stdin.isTTY === true,
    out: deps.out,
    handleSignals: true,
  });
  await bot.done;
}
