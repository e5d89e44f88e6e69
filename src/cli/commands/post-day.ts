import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

/** `kaiheisen post-day`: sends the morning post of a date now (on the console: printed). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('post-day')
    .description('その日の作業者配置を局チャンネルに、各作業者に作業一覧を、今すぐ配信します (コンソールでは画面に表示)')
    .option('--date <date>', '作業日 YYYY-MM-DD (省略時は今日)')
    .option('--console', 'Slack/Teams の設定があってもコンソールに表示する')
    .option('--json', '結果を JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date?: string; console?: boolean; json?: boolean } & OperatorOptions) => (await import('../actions/post-day.ts')).postDay(deps, opts));
}
