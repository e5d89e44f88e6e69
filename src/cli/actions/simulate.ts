import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { databaseUrlProblem } from '../../assembly/context.ts';
import { loadConfig } from '../../config.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runSimulation } from '../../simulation/run-simulation.ts';
import { readScript } from '../../simulation/script.ts';
import { t } from '../../templates.ts';

export async function simulate(deps: CliDeps, file: string, opts: { verbose?: boolean; database?: string }, command: Command): Promise<void> {
  const problem = opts.database !== undefined ? databaseUrlProblem(opts.database) : undefined;
  if (problem) command.error(t('simulate.badDatabase', { problem }), { exitCode: 2, code: 'kaiheisen.usage' });
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
}
