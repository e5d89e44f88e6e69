import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { startConfiguredBot } from '../../assembly/start-configured.ts';

/** `kaiheisen start` (what `npm start` runs): the bot, on the console unless Slack or Teams is configured. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('start')
    .description('ボットを起動します (Slack/Teams の設定がなければコンソールで操作します)')
    .option('--date <date>', '空のデータベースに読み込む例の作業の日付 YYYY-MM-DD (省略時は今日)')
    .option('--console', 'Slack/Teams の設定があってもコンソールで起動する')
    .action(async (opts: { date?: string; console?: boolean }) => {
      const ctx = await deps.context();
      const bot = await startConfiguredBot(ctx, {
        date: opts.date,
        console: opts.console === true,
        input: process.stdin,
        interactive: process.stdin.isTTY === true,
        out: deps.out,
        handleSignals: true,
      });
      await bot.done;
    });
}
