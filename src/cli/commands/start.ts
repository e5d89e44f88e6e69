import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { StartFlags } from '../actions/start.ts';

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
    .action(async (opts: StartFlags, command: Command) => (await import('../actions/start.ts')).start(deps, opts, command));
}
