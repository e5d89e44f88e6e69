import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { CliDeps } from '../index.ts';
import { trainingDepsOf } from '../../assembly/services/staff.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { runTraining } from '../../simulation/run-training.ts';
import { readScript } from '../../simulation/script.ts';
import { t } from '../../templates.ts';

const DEFAULT_SCRIPT = 'simulate/training.yaml';

export async function train(deps: CliDeps, opts: { worker: string; script?: string; input?: string }): Promise<void> {
  const ctx = await deps.context();
  const file = opts.script ?? resolve(ctx.config.examplesDir, DEFAULT_SCRIPT);
  const script = readScript(file);
  const input = opts.input ? inputFile(opts.input) : process.stdin;
  const record = await runTraining({
    script,
    scriptFile: file,
    config: ctx.config,
    workerId: opts.worker.trim(),
    input,
    interactive: !opts.input && process.stdin.isTTY === true,
    write: deps.out,
    record: trainingDepsOf(ctx),
    actor: { actorId: opts.worker.trim(), channel: 'cli' },
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
