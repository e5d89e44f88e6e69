import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { registerTrainRecord } from '../train-record-command.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

/**
 * `kaiheisen train --worker ID`: 研修 (spec 8), a scripted day the worker plays on the console, recorded when done; run by
 * the worker themself or whoever may watch over it (roles.ts runTraining).
 */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('train')
    .description('研修: 一時的なデータベースで1日の流れを作業者として入力して体験し、修了したかを研修記録に残します')
    .requiredOption('--worker <id>', '研修を受ける職員ID (登録済みの職員)')
    .option('--script <file>', '研修シナリオ (省略時は examples/simulate/training.yaml)')
    .option('--input <file>', '入力をこのファイルから読む (1行が1回の入力。省略時は標準入力)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { worker: string; script?: string; input?: string } & OperatorOptions) => (await import('../actions/train.ts')).train(deps, opts));
  registerTrainRecord(program.commands.find((c) => c.name() === 'train')!, deps);
}
