import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { Config } from '../config.ts';
import type { AppContext, ContextOptions } from '../assembly/context.ts';

/** What every command gets: a lazily opened context and the output streams. */
export interface CliDeps {
  /** The first call opens it (with `options`, e.g. the console's clock); later calls return the same context. */
  context(options?: ContextOptions): Promise<AppContext>;
  config(): Promise<Config>;
  out(text: string): void;
  err(text: string): void;
  /** Whether err() reaches a terminal, where a person reads it and it stays in no file (absent: it does not). */
  errIsTerminal?: boolean;
  /** Where `--password-stdin` and the password prompt read (process.stdin when absent). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * A command file's register() only declares the command (name, options, description): `kaiheisen --help` loads every
 * command file, so each one loads what its action needs with `await import()` inside the action.
 */
export interface CliCommand {
  register(program: Command, deps: CliDeps): void;
}

const COMMANDS_DIR = fileURLToPath(new URL('./commands', import.meta.url));

/**
 * Each file in src/cli/commands registers one command (its action in src/cli/actions); adding one touches no other
 * file. A file bears its command's name, so `kaiheisen parse …` loads parse.ts alone; help and unknown words load all.
 */
export async function loadCommands(first?: string): Promise<CliCommand[]> {
  const files = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts')).sort();
  const own = files.filter((f) => f === `${first}.ts`);
  return Promise.all((own.length > 0 ? own : files).map(async (f) => (await import(`./commands/${f}`)) as CliCommand));
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  out?: (text: string) => void;
  err?: (text: string) => void;
  /** Whether `err` is a terminal; default: process.stderr's when `err` is not given, else not. */
  errIsTerminal?: boolean;
  stdin?: NodeJS.ReadableStream;
}

/** The exit code of a command stopped by the person (Ctrl+C), as a shell reports a SIGINT: 128 + 2. */
export const INTERRUPTED_EXIT_CODE = 130;

/** Runs one CLI invocation and returns its exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<number> {
  const out = options.out ?? ((s: string) => process.stdout.write(s));
  const err = options.err ?? ((s: string) => process.stderr.write(s));
  let ctx: AppContext | undefined;
  // Loaded by the first action that needs them, not at start-up: help, usage errors and `parse` need no database,
  // configuration (zod, every platform's settings) or Prisma.
  const config = async () => (await import('../config.ts')).loadConfig(options.env ?? process.env);
  const deps: CliDeps = {
    context: async (contextOptions) => (ctx ??= await openContext(await config(), contextOptions, err)),
    config,
    out,
    err,
    errIsTerminal: options.errIsTerminal ?? (options.err === undefined && process.stderr.isTTY === true),
    stdin: options.stdin,
  };
  const program = new Command('kaiheisen')
    .description('開閉栓業務の配車・連絡ボット (kaiheisen)')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });
  for (const command of await loadCommands(argv[0])) command.register(program, deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const { ErrorCode, isAppError } = await import('../errors.ts');
    if (isAppError(e) && e.code === ErrorCode.Interrupted) {
      err(`${e.message}\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    err(`${await failureText(e)}\n`);
    return 1;
  } finally {
    await ctx?.close();
  }
}

/** The context of this invocation; a retired setting still set is named once, on stderr and in the log. */
async function openContext(config: Config, contextOptions: ContextOptions | undefined, err: (text: string) => void): Promise<AppContext> {
  const ctx = await (await import('../assembly/context.ts')).createAppContext(config, contextOptions);
  if (config.retiredSettings.length > 0) {
    const { t } = await import('../templates.ts');
    err(`${t('contractor.retiredEnv')}\n`);
    ctx.logger.warn('retired settings are set and ignored', { settings: config.retiredSettings.join(',') });
  }
  return ctx;
}

async function failureText(e: unknown): Promise<string> {
  const [{ isAppError, toAppError }, { t }] = await Promise.all([import('../errors.ts'), import('../templates.ts')]);
  const { message } = toAppError(e);
  return isAppError(e) ? t('cli.error', { message }) : t('cli.internalError', { message });
}
