import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

const run = () => import('../actions/events.ts');

const idArg = (value: string): number => {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw new InvalidArgumentError(t('events.badId', { value }));
  return id;
};

/** `kaiheisen events`: received chat messages the bot parked (failed or over their time budget too often). */
export function register(program: Command, deps: CliDeps): void {
  const events = program.command('events').description('処理できず保留になった受信メッセージの確認・再実行・破棄');
  events
    .command('list')
    .description('保留中の受信メッセージを表示します (本文は表示しません)')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => (await run()).listEvents(deps, opts));
  for (const action of ['retry', 'discard'] as const) {
    events
      .command(`${action} <id>`)
      .description(action === 'retry' ? '保留中のメッセージを再実行待ちに戻します (動作中のボットが処理します)' : '保留中のメッセージを処理せずに閉じます')
      .option(...BY_OPTION)
      .option(...PASSWORD_STDIN_OPTION)
      .action(async (value: string, opts: OperatorOptions) => {
        const id = idArg(value);
        await (await run()).settleEvent(deps, action, id, opts);
      });
  }
}
