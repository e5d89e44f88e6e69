import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { CliDeps } from '../index.ts';
import { trainingDepsOf } from '../../assembly/services/staff.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runTraining } from '../../simulation/run-training.ts';
import { readScript } from '../../simulation/script.ts';
import { t } from '../../templates.ts';
import { requireTrainee } from '../../application/staffing/trainings.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

const DEFAULT_SCRIPT = 'simulate/training.yaml';

/**
 * Plays a training day for the worker and records it in the configured database. The operator is authenticated
 * (runTraining): the trainee themself, that day's supervisor, the bureau or an admin; the audit names the operator,
 * the record the trainee.
 */
export async function train(deps: CliDeps, opts: { worker: string; script?: string; input?: string } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  // Standard input is either the password or the trainee's lines, not both.
  if (opts.passwordStdin && !opts.input) throw new AppError(ErrorCode.InvalidInput, t('training.passwordStdinNeedsInput'));
  const workerId = opts.worker.trim();
  const file = opts.script ?? resolve(ctx.config.examplesDir, DEFAULT_SCRIPT);
  const script = readScript(file);
  await requireTrainee(trainingDepsOf(ctx), workerId);
  const actor = await requireOperator(deps, ctx, opts, 'runTraining', undefined, { relationOf: (p) => (p.id === workerId ? 'assignee' : 'none') });
  const input = opts.input ? inputFile(opts.input) : process.stdin;
  const record = await runTraining({
    script,
    scriptFile: file,
    config: ctx.config,
    workerId,
    input,
    interactive: !opts.input && process.stdin.isTTY === true,
    write: deps.out,
    record: trainingDepsOf(ctx),
    actor,
  });
  if (!record.passed) throw new AppError(ErrorCode.InvalidInput, t('training.failed', { title: record.scenario, passed: record.tasksPassed, tasks: record.tasks, id: record.personId }));
}

/** The trainee's lines from a file (tests, a rehearsed run); an unreadable file is refused before anything is played. */
function inputFile(file: string): NodeJS.ReadableStream {
  try {
    return Readable.from([readFileSync(file, 'utf8')]);
  } catch (e) {
    throw new AppError(ErrorCode.FileUnreadable, t('training.inputUnreadable', { file, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
}
