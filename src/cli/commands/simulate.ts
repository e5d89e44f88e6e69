import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { loadConfig } from '../../config.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runSimulation } from '../../simulation/run-simulation.ts';
import { readScript } from '../../simulation/script.ts';
import { t } from '../../templates.ts';

/** `kaiheisen simulate FILE`: plays a scripted day on the console with a virtual clock (training, demos, tests). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('simulate')
    .description('シナリオ (YAML) の1日をコンソールと仮想の時計で再生し、各自が受け取るメッセージを確認します')
    .argument('<file>', 'シナリオファイル (例: examples/simulate/day.yaml)')
    .option('--verbose', 'やり取りをすべて表示する')
    .option('--database <url>', 'このデータベースで再生する (file:パス か postgres://…。省略時は一時的な SQLite を作り、終了後に消します)')
    .action(async (file: string, opts: { verbose?: boolean; database?: string }) => {
      const script = readScript(file);
      // The simulation opens its own database and clock: the configured database is never touched.
      const result = await runSimulation({
        script,
        scriptFile: file,
        config: loadConfig(process.env),
        databaseUrl: opts.database,
        onTranscript: opts.verbose ? deps.out : undefined,
      });
      if (!result.ok && result.failure) {
        const { step, what, reason } = result.failure;
        throw new AppError(ErrorCode.InvalidInput, t('simulate.failed', { step: t('simulate.step', { n: step }), what, reason }));
      }
      if (!opts.verbose) deps.out(`${t('simulate.passed', { title: result.title, steps: result.steps, checks: result.checks })}\n`);
    });
}
