import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands, type CliDeps } from '../../src/cli/index.ts';
import { TEST_KEY_ENV } from '../support/test-cipher.ts';

/** `node bin/kaiheisen.mjs …` as a user runs it: stdout is the answer alone, every log line is on stderr. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_|TMPDIR$)/;

let dir: string;
let env: Record<string, string | undefined>;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function kaiheisen(args: string[], nodeArgs: string[] = []): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, 'bin/kaiheisen.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lines a JSON logger wrote: objects with a level and a message. */
const logLines = (text: string) =>
  text.split('\n').filter((line) => {
    try {
      const v = JSON.parse(line) as unknown;
      return typeof v === 'object' && v !== null && 'level' in v && 'msg' in v;
    } catch {
      return false;
    }
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-cli-process-'));
  mkdirSync(join(dir, 'db'));
  mkdirSync(join(dir, 'tmp'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  env = {
    ...inherited,
    ...TEST_KEY_ENV,
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'home', 'config'),
    TMPDIR: join(dir, 'tmp'),
    DATABASE_URL: `file:${join(dir, 'db', 'k.db')}`,
    KAIHEISEN_LOG_LEVEL: 'debug',
  };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the command files', () => {
  it('each bears the name of the one command it declares (`kaiheisen NAME` loads NAME.ts alone)', async () => {
    const names = readdirSync(join(ROOT, 'src', 'cli', 'commands')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    const deps = {} as CliDeps; // declaring a command uses none of it
    for (const name of names) {
      const program = new Command('kaiheisen');
      const own = await loadCommands(name);
      expect(own).toHaveLength(1);
      own[0]!.register(program, deps);
      expect(program.commands.map((c) => c.name())).toEqual([name]);
    }
    expect(await loadCommands('--help')).toHaveLength(names.length);
  });
});

describe('kaiheisen as a child process', () => {
  it('--help and parse answer on stdout, print nothing else, and load no database, configuration or platform', () => {
    // A hook that notes every module the process imports (after tsx's own), in a file of the test's folder.
    const seen = join(dir, 'modules.txt');
    writeFileSync(join(dir, 'note-hook.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(seen)}, r.url + '\\n'); return r; }\n`);
    writeFileSync(join(dir, 'note.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${join(dir, 'note-hook.mjs')}`)});\n`);
    const help = kaiheisen(['--help'], ['--import', join(dir, 'note.mjs')]);
    expect(help).toMatchObject({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: kaiheisen/);
    expect(help.stdout).toMatch(/parse \[options\] <text\.\.\.>/);
    kaiheisen(['parse', '0012']); // the first run fills the caches of the temp folder (tsx, templates, vocabulary)
    const parse = kaiheisen(['parse', '0012 開栓完了 指針1187'], ['--import', join(dir, 'note.mjs')]);
    expect(parse).toMatchObject({ status: 0, stderr: '' });
    expect(parse.stdout).toContain('指針: 1187');
    const modules = readFileSync(seen, 'utf8').split('\n').filter(Boolean);
    expect(modules.some((m) => m.endsWith('/src/adapters/nlp/reply-parser.ts'))).toBe(true);
    const heavy = /\/(src\/config\.ts|src\/assembly\/|src\/adapters\/db\/|node_modules\/(@prisma|zod|yaml|@slack|botbuilder|pdf-lib|pg|better-sqlite3)\/)/;
    expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  }, 60_000);

  it('commands on a database print their answer on stdout and their log lines on stderr', () => {
    const load = kaiheisen(['staff', 'load', 'examples/staff.yaml']);
    expect(load.status).toBe(0);
    expect(load.stdout).toMatch(/追加 7 名/);
    expect(logLines(load.stdout)).toEqual([]);
    expect(logLines(load.stderr).map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('staff file loaded');

    const status = kaiheisen(['status', '--json']);
    expect(status.status).toBe(0);
    expect(status.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ people: 7 });

    for (const args of [['status'], ['schedule'], ['roster', 'show', '--date', '2026-03-30', '--json']]) {
      const run = kaiheisen(args);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(logLines(run.stdout), args.join(' ')).toEqual([]);
    }
  }, 120_000);
});
