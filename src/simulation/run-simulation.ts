import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { createAppContext, type AppContext } from '../assembly/context.ts';
import { VirtualClock } from '../adapters/clock/clocks.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { startBot, type Bot } from '../assembly/assemble-bot.ts';
import { tokyoInstant } from '../domain/calendar/local-time.ts';
import { t } from '../templates.ts';
import { exampleFiles, type DemoFiles } from '../assembly/examples/example-loader.ts';
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

function demoFilesOf(options: SimulationOptions): DemoFiles {
  const examples = exampleFiles(options.config.examplesDir);
  const base = dirname(resolve(options.scriptFile));
  return {
    staff: options.script.staff ? resolve(base, options.script.staff) : examples.staff,
    orders: options.script.orders ? resolve(base, options.script.orders) : examples.orders,
  };
}

async function openContext(options: SimulationOptions, clock: VirtualClock): Promise<{ ctx: AppContext; cleanup(): void }> {
  const dir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'kaiheisen-simulate-'));
  const databaseUrl = options.databaseUrl ?? `file:${join(dir!, 'simulate.db')}`;
  const logger = createLogger(options.onTranscript ? options.config.logLevel : 'error');
  const ctx = await createAppContext({ ...options.config, databaseUrl }, { clock, logger });
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

/**
 * Plays a script on the console with a virtual clock: the examples (or the script's files) are loaded for its
 * date, `at` moves the clock and runs the jobs due (the morning post), users type and press, expectations check
 * what each user received. Stops at the first failing step.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { script } = options;
  const clock = new VirtualClock(tokyoInstant(script.date, script.time));
  const transcript: string[] = [];
  const write = (text: string) => {
    transcript.push(text);
    options.onTranscript?.(text);
  };
  const { ctx, cleanup } = await openContext(options, clock);
  let bot: Bot | undefined;
  const result: SimulationResult = { ok: true, title: script.title, steps: 0, checks: 0, transcript: '' };
  try {
    bot = await startBot(ctx, {
      date: script.date,
      platforms: { forceConsole: true },
      morningPostAt: options.config.morningPostTime,
      loadExamples: true,
      demoFiles: demoFilesOf(options),
      wallClock: false,
      out: write,
      // Its own event keys per run: a second run on the same database must not collide with the first's.
      consoleSessionId: `simulate-${randomUUID().slice(0, 8)}`,
      drivenClock: clock,
    });
    await bot.tick(clock.now());
    const importFile = createImportStep({ ctx, bot, clock, baseDir: dirname(resolve(options.scriptFile)), date: script.date, write });
    await playAll({ bot, clock, window: [], write, importFile }, script, result);
  } finally {
    await bot?.stop();
    await ctx.close();
    cleanup();
  }
  if (result.ok) write(`${t('simulate.passed', { title: result.title, steps: result.steps, checks: result.checks })}\n`);
  result.transcript = transcript.join('');
  return result;
}
