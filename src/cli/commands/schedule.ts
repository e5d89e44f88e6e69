import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';

/** `kaiheisen schedule`: what the running bot does by itself, and when (the features as `start` assembles them). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('schedule')
    .description('ボットが自動で行うこと (毎日の定時処理、定期確認、待ち時間後の処理) とその時刻・間隔を表示します')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => (await import('../actions/schedule.ts')).schedule(deps, opts));
}
