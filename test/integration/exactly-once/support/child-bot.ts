import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');
const BIN = resolve(ROOT, 'bin/kaiheisen.mjs');

/** The environment a child gets: only what it needs (no inherited secrets), plus the test's settings. */
function childEnv(env: Record<string, string>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'XDG_CONFIG_HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  const base = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]!]));
  return { ...base, DOTENV_CONFIG_QUIET: 'true', NO_COLOR: '1', ...env };
}

/** A free TCP port on loopback (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/kaiheisen.mjs ARGS` to its end. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

/**
 * `node bin/kaiheisen.mjs start` as an operator runs it, configured by environment variables only. `started`
 * resolves once the bot says it has started (HTTP listening, the inbox recovered); `kill()` is kill -9.
 */
export class ChildBot {
  output = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (this.output += c.toString('utf8')));
    this.exited = new Promise((ok) =>
      child.on('exit', (code, signal) => {
        if (signal) this.output += `\n(ended by ${signal})`;
        ok(code);
      }),
    );
  }

  static async start(env: Record<string, string>): Promise<ChildBot> {
    const bot = new ChildBot(spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
    await bot.started();
    return bot;
  }

  /** Resolves on 「kaiheisen を起動しました」; rejects with the output if the process ends first. */
  private started(): Promise<void> {
    return new Promise((ok, fail) => {
      const check = () => {
        if (this.output.includes('kaiheisen を起動しました')) {
          this.child.stdout!.off('data', check);
          ok();
        }
      };
      this.child.stdout!.on('data', check);
      void this.exited.then((code) => fail(new Error(`kaiheisen start ended (${code}) before it started:\n${this.output}`)));
      check();
    });
  }

  /** kill -9: no shutdown code runs. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the bot finishes what it received and stops. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** Log lines (JSON on stderr) with this message. */
  logged(message: string): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === message);
  }
}
