import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { createAppContext, withThrowawayKey, type AppContext } from '../assembly/context.ts';
import { VirtualClock } from '../adapters/clock/clocks.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { startBot, type Bot } from '../assembly/assemble-bot.ts';
import { tokyoInstant } from '../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { exampleFiles, type DemoFiles } from '../assembly/examples/example-loader.ts';
import { failureMaskOf } from './failure-masking.ts';
import { createImportStep } from './import-step.ts';
import { playStep, type StepState } from './play-step.ts';
import type { SimulationScript } from './script.ts';

export interface SimulationOptions {
  script: SimulationScript;
  /** The script's path: staff and orders files are relative to its folder. */
  scriptFile: string;
  config: Config;
  /** An existing database to play on; default a fresh temporary SQLite, deleted afterwards. */
  databaseUrl?: string;
  /** Writes the transcript as it goes (--verbose). */
  onTranscript?: (text: string) => void;
}

export interface SimulationResult {
  ok: boolean;
  title: string;
  steps: number;
  checks: number;
  failure?: { step: number; what: string; reason: string };
  transcript: string;
}

/** The script's own file for `key`, relative to its folder; one that does not exist is named before anything opens. */
function scriptFile(options: SimulationOptions, key: 'staff' | 'orders'): string | undefined {
  const named = options.script[key];
  if (!named) return undefined;
  const path = resolve(dirname(resolve(options.scriptFile)), named);
  if (!existsSync(path)) throw new AppError(ErrorCode.FileUnreadable, t('simulate.fileMissing', { key, path }));
  return path;
}

/** The script's staff and orders files, else the examples (the package's own unless KAIHEISEN_EXAMPLES_DIR says). */
function demoFilesOf(options: SimulationOptions): DemoFiles {
  const staff = scriptFile(options, 'staff');
  const orders = scriptFile(options, 'orders');
  if (staff && orders) return { staff, orders };
  const examples = exampleFiles(options.config.examplesDir);
  return { staff: staff ?? examples.staff, orders: orders ?? examples.orders };
}

async function openContext(options: SimulationOptions, clock: VirtualClock): Promise<{ ctx: AppContext; cleanup(): void }> {
  const dir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'kaiheisen-simulate-'));
  const databaseUrl = options.databaseUrl ?? `file:${join(dir!, 'simulate.db')}`;
  const logger = createLogger(options.onTranscript ? options.config.logLevel : 'error');
  const config = { ...options.config, databaseUrl };
  const ctx = await createAppContext(dir ? withThrowawayKey(config) : config, { clock, logger });
  return { ctx, cleanup: () => dir && rmSync(dir, { recursive: true, force: true }) };
}

async function playAll(state: StepState, script: SimulationScript, result: SimulationResult): Promise<void> {
  for (const [i, step] of script.steps.entries()) {
    const outcome = await playStep(state, step, i + 1);
    result.steps += 1;
    result.checks += outcome.checks;
    if (outcome.failure) {
      result.ok = false;
      result.failure = { step: i + 1, ...outcome.failure };
      return;
    }
  }
}

/** The day a script plays on: its database, the console bot on a virtual clock, and the state steps play in. */
export interface ScriptedDay {
  ctx: AppContext;
  bot: Bot;
  clock: VirtualClock;
  state: StepState;
  close(): Promise<void>;
}

/** Why the day's order `ref` (0012) has no recorded result yet, or undefined when it has one. */
function recordedCheck(ctx: AppContext, date: string) {
  return async (ref: string): Promise<string | undefined> => {
    const orderNo = `${date.replace(/-/g, '')}-${ref.padStart(4, '0')}`;
    const result = await ctx.db.read.taskResult.findFirst({ where: { workOrder: { orderNo } }, select: { id: true } });
    return result ? undefined : t('simulate.notRecorded', { order: orderNo });
  };
}

/**
 * Opens the script's day: the examples (or the script's files) loaded for its date on a fresh database (or
 * `databaseUrl`), the console bot on a virtual clock at the script's time, the jobs due then run.
 */
export async function openScriptedDay(options: SimulationOptions, write: (text: string) => void): Promise<ScriptedDay> {
  const { script } = options;
  const clock = new VirtualClock(tokyoInstant(script.date, script.time));
  const demoFiles = demoFilesOf(options);
  const { ctx, cleanup } = await openContext(options, clock);
  let bot: Bot | undefined;
  const close = async () => {
    await bot?.stop();
    await ctx.close();
    cleanup();
  };
  try {
    bot = await startBot(ctx, {
      date: script.date,
      platforms: { forceConsole: true },
      morningPostAt: options.config.morningPostTime,
      loadExamples: true,
      demoFiles,
      wallClock: false,
      out: write,
      // Its own event keys per run: a second run on the same database must not collide with the first's.
      consoleSessionId: `simulate-${randomUUID().slice(0, 8)}`,
      drivenClock: clock,
    });
    await bot.tick(clock.now());
    const importFile = createImportStep({ ctx, bot, clock, baseDir: dirname(resolve(options.scriptFile)), date: script.date, write });
    const failureMask = () => failureMaskOf(ctx);
    const state: StepState = { bot, clock, window: [], write, importFile, recorded: recordedCheck(ctx, script.date), failureMask };
    return { ctx, bot, clock, state, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Plays a script on the console with a virtual clock: the examples (or the script's files) are loaded for its
 * date, `at` moves the clock and runs the jobs due (the morning post), users type and press, expectations check
 * what each user received. Stops at the first failing step.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { script } = options;
  const transcript: string[] = [];
  const write = (text: string) => {
    transcript.push(text);
    options.onTranscript?.(text);
  };
  const result: SimulationResult = { ok: true, title: script.title, steps: 0, checks: 0, transcript: '' };
  const day = await openScriptedDay(options, write);
  try {
    await playAll(day.state, script, result);
  } finally {
    await day.close();
  }
  if (result.ok) write(`${t('simulate.passed', { title: result.title, steps: result.steps, checks: result.checks })}\n`);
  result.transcript = transcript.join('');
  return result;
}
