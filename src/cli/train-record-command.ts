import type { Command } from 'commander';
import type { CliDeps } from './index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from './operator-options.ts';

/**
 * `kaiheisen train record --worker ID --date D --topic TEXT`: a training given outside the bot. `--worker`, `--by` and
 * `--password-stdin` are also options of `train` itself, which commander may give the parent: the action reads both.
 */
export function registerTrainRecord(train: Command, deps: CliDeps): void {
  train
    .command('record')
    .description('bot の外で行った研修 (教育訓練) を修了として記録します (身分証明書発行依頼書に載ります)')
    .option('--worker <id>', '研修を受けた職員ID')
    .requiredOption('--date <YYYY-MM-DD>', '研修の実施日')
    .requiredOption('--topic <text>', '研修の内容 (例: 開閉栓作業の安全教育)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (_own: unknown, cmd: Command) => {
      // `train` declares --worker, --by and --password-stdin too: commander gives them to whichever comes first.
      const opts = cmd.optsWithGlobals<{ worker?: string; date: string; topic: string } & OperatorOptions>();
      await (await import('./actions/train-record.ts')).trainRecord(deps, { ...opts, worker: opts.worker ?? '' });
    });
}
