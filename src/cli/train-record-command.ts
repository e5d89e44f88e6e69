import type { Command } from 'commander';
import type { CliDeps } from './index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from './operator-options.ts';

/**
 * `kaiheisen train record --worker ID --date D --topic TEXT`: a training given outside the bot. `--worker` is also an
 * option of `train` itself, which commander gives the parent: the action reads it from either.
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
    .action(async (opts: { worker?: string; date: string; topic: string } & OperatorOptions, cmd: Command) => {
      const worker = opts.worker ?? (cmd.parent?.opts() as { worker?: string }).worker ?? '';
      await (await import('./actions/train-record.ts')).trainRecord(deps, { ...opts, worker });
    });
}
