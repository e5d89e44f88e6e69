import { createInterface } from 'node:readline';
import { ConsoleInputError } from '../adapters/console/input-error.ts';
import { runCommand } from '../adapters/console/repl-commands.ts';
import { recordTraining, requireTrainee, type TrainingDeps, type TrainingRecord } from '../application/staffing/trainings.ts';
import type { Actor } from '../application/staffing/ports.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { checkStep, playStep } from './play-step.ts';
import { openScriptedDay, type ScriptedDay, type SimulationOptions } from './run-simulation.ts';
import type { SimulationStep } from './script.ts';

export interface TrainingOptions extends Omit<SimulationOptions, 'databaseUrl' | 'onTranscript'> {
  /** The trainee: an active person of the configured staff. */
  workerId: string;
  /** What the trainee types (a terminal, a pipe or a file). */
  input: NodeJS.ReadableStream;
  /** Prompts before each line (a terminal). */
  interactive?: boolean;
  write(text: string): void;
  /** The configured database, where the training is recorded (the day itself is played on a temporary one). */
  record: TrainingDeps;
  actor: Actor;
}

type TaskOutcome = 'done' | 'skipped' | 'ended';
type Lines = AsyncIterator<string>;

/** What the script's own action for a task would type: the trainee's hint. */
function modelAnswer(step: SimulationStep): string {
  if (step.say !== undefined) return t('training.model.say', { text: step.say });
  if (step.press !== undefined) return t('training.model.press', { value: String(step.press) });
  if (step.submit !== undefined) {
    const values = Object.entries(step.submit).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
    return t('training.model.submit', { values: values.join(' ') });
  }
  return t('training.model.other');
}

/** One line of the trainee, as the console would take it (text, /press, /form …), always as the trainee. */
async function typeLine(day: ScriptedDay, trainee: string, line: string, write: (s: string) => void): Promise<'quit' | 'continue'> {
  const session = day.bot.console!.session.as(trainee);
  try {
    if (!line.startsWith('/')) {
      await session.say(line);
      return 'continue';
    }
    const ctx = { session, write, users: async () => [], startGuidedForm: () => write(`${t('training.noGuidedForm')}\n`), ...(day.bot.clock ? { clock: day.bot.clock } : {}) };
    return await runCommand(ctx, line);
  } catch (e) {
    if (!(e instanceof ConsoleInputError)) throw e;
    write(`${e.message}\n`);
    return 'continue';
  } finally {
    session.as(trainee);
  }
}

/** The trainee types until the task's checks hold (what they did took effect), skips it, or the input ends. */
async function playTask(day: ScriptedDay, step: SimulationStep, trainee: string, lines: Lines, o: TrainingOptions, n: number, tasks: number): Promise<TaskOutcome> {
  const { write } = o;
  day.bot.console!.session.as(trainee);
  write(`${t('training.task', { n, tasks, task: step.task! })}\n`);
  const adapter = day.bot.console!.adapter;
  const before = adapter.lastSeq();
  for (;;) {
    if (o.interactive) write(t('console.prompt', { user: trainee }));
    const next = await lines.next();
    if (next.done) return 'ended';
    const line = next.value.replace(/\r$/, '').trim();
    if (line === '') continue;
    if (line === '/hint') {
      write(`${t('training.hint', { what: modelAnswer(step) })}\n`);
      continue;
    }
    if (line === '/skip') {
      write(`${t('training.skipped', { n })}\n`);
      return 'skipped';
    }
    if ((await typeLine(day, trainee, line, write)) === 'quit') return 'ended';
    day.state.window = adapter.deliveries(before);
    if ((await checkStep(day.state, step)).reason) write(`${t('training.notYet')}\n`);
    else {
      write(`${t('training.taskDone', { n })}\n`);
      return 'done';
    }
  }
}

function traineeOf(o: TrainingOptions): string {
  const { script } = o;
  if (!script.trainee) throw new AppError(ErrorCode.InvalidInput, t('training.noTrainee', { file: o.scriptFile }));
  if (!script.steps.some((s) => s.task !== undefined)) throw new AppError(ErrorCode.InvalidInput, t('training.noTasks', { file: o.scriptFile }));
  return script.trainee;
}

/** Plays every step: the others' and the clock's by themselves, each task by the trainee; counts the tasks done. */
async function playDay(day: ScriptedDay, o: TrainingOptions, trainee: string): Promise<{ tasks: number; done: number }> {
  const lines = createInterface({ input: o.input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const tasks = o.script.steps.filter((s) => s.task !== undefined).length;
  let n = 0;
  let done = 0;
  let ended = false;
  for (const [i, step] of o.script.steps.entries()) {
    if (step.task === undefined) {
      const outcome = await playStep(day.state, step, i + 1);
      if (outcome.failure) throw new AppError(ErrorCode.InvalidInput, t('training.scriptFailed', { step: i + 1, ...outcome.failure }));
      continue;
    }
    n += 1;
    if (ended) continue;
    const outcome = await playTask(day, step, trainee, lines, o, n, tasks);
    if (outcome === 'done') done += 1;
    if (outcome === 'ended') {
      ended = true;
      o.write(`${t('training.ended')}\n`);
    }
  }
  return { tasks, done };
}

/**
 * 研修 (spec 8): a scripted day on a temporary database, the trainee doing each task as a worker would; each task
 * passes once what they did took effect. The outcome is recorded in the configured database, passed or not; only a
 * pass is written out (the caller reports the other with training.failed).
 */
export async function runTraining(o: TrainingOptions): Promise<TrainingRecord> {
  await requireTrainee(o.record, o.workerId);
  const trainee = traineeOf(o);
  const startedAt = o.record.clock.now();
  o.write(`${t('training.intro', { title: o.script.title, worker: o.workerId, trainee })}\n`);
  const day = await openScriptedDay(o, o.write);
  let played: { tasks: number; done: number };
  try {
    played = await playDay(day, o, trainee);
  } finally {
    await day.close();
  }
  const passed = played.done === played.tasks;
  const record = await recordTraining(
    o.record,
    { personId: o.workerId, scenario: o.script.title, scriptFile: o.scriptFile, startedAt, passed, tasks: played.tasks, tasksPassed: played.done },
    o.actor,
  );
  // Not passed is the caller's to report (the CLI's error and exit code), so it is said once.
  if (passed) o.write(`${t('training.passed', { title: o.script.title, passed: played.done, tasks: played.tasks, id: o.workerId })}\n`);
  return record;
}
