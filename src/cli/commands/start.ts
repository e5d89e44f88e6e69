import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { startBot } from '../../bot.ts';
import { morningPostAtOf } from '../../runtime/bot-settings.ts';
import { platformSetupOf } from '../../runtime/configured-platforms.ts';

/** `kaiheisen start` (what `npm start` runs): the bot, on the console unless Slack or Teams is configured. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('start')
    .description('ボットを起動します (Slack/Teams の設定がなければコンソールで操作します)')
    .option('--date <date>', '空のデータベースに読み込む例の作業の日付 YYYY-MM-DD (省略時は今日)')
    .option('--console', 'Slack/Teams の設定があってもコンソールで起動する')
    .action(async (opts: { date?: string; console?: boolean }) => {
      const ctx = await deps.context();
      const setup = platformSetupOf(ctx, opts.console === true);
      const bot = await startBot(ctx, {
        date: opts.date,
        platforms: setup.selection,
        platformFactories: setup.factories,
        http: setup.http,
        morningPostAt: morningPostAtOf(ctx.config),
        input: process.stdin,
        interactive: process.stdin.isTTY === true,
        out: deps.out,
        handleSignals: true,
      });
      await bot.done;
    });
}
