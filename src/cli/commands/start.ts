import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { OffsetClock } from '../../adapters/clock/clocks.ts';
import { choosePlatforms, configuredPlatforms } from '../../assembly/platforms/registry.ts';
import { dateRefusal } from '../../assembly/console-clock.ts';
import { startConfiguredBot } from '../../assembly/start-configured.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';

interface StartFlags {
  date?: string;
  console?: boolean;
}

/**
 * `kaiheisen start` (what `npm start` runs): the bot, on the console unless Slack or Teams is configured. The
 * console runs on a clock a person drives (/time, /next), placed at `--date`'s morning; Slack and Teams on the
 * system clock, where `--date` is refused.
 */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('start')
    .description('ボットを起動します (Slack/Teams の設定がなければコンソールで操作します)')
    .option('--date <date>', 'コンソールの時計をこの業務日 YYYY-MM-DD の朝に合わせる (空のデータベースにはこの日の例の作業を読み込む)')
    .option('--console', 'Slack/Teams の設定があってもコンソールで起動する')
    .action(async (opts: StartFlags, command: Command) => {
      const consoleRuns = opts.console === true || choosePlatforms({ configured: configuredPlatforms(deps.config()) }).includes('console');
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
    });
}
