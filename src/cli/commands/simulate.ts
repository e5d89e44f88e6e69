import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';

/** `kaiheisen simulate FILE`: plays a scripted day on the console with a virtual clock (training, demos, tests). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('simulate')
    .description('シナリオ (YAML) の1日をコンソールと仮想の時計で再生し、各自が受け取るメッセージを確認します')
    .argument('<file>', 'シナリオファイル (例: examples/simulate/day.yaml)')
    .option('--verbose', 'やり取りをすべて表示する')
    .option('--database <url>', 'このデータベースで再生する (file:パス か postgres://…。省略時は一時的な SQLite を作り、終了後に消します)')
    .action(async (file: string, opts: { verbose?: boolean; database?: string }, command: Command) => (await import('../actions/simulate.ts')).simulate(deps, file, opts, command));
}
