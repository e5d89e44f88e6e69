// `npm run bench -- instances [--rps 100] [--seconds 20]`
// Several instances on PostgreSQL against one on SQLite (issue 14). Each run: `kaiheisen start` processes (Slack over
// HTTP, the Web API pointed at a stand-in on loopback, a data key set so the database is encrypted as in production)
// behind a round-robin balancer on loopback, and a load generator in a process of its own sending signed message.im
// events at a fixed rate (open loop) to the balancer. The floor: ONE process on an SQLite file (the embedded default),
// behind the same balancer so that the extra hop is in every run. Then 1, 2 and 3 processes on one fresh PostgreSQL
// database each. Measured per run: acks/s (acked / seconds), p50/p99/max ack ms, errors; and processed/s, because an
// ack only stores the event: events the bot finished (InboundEvent rows in state 'done', read from the database once
// the backlog drained, waiting a bounded time) divided by the time from the first send to the last one done.
// `ratio`: 3 instances' processed/s ÷ the floor's (acks/s is the send rate while every request is answered:
// `ackRatio`, with p99 telling the difference).
// PostgreSQL: KAIHEISEN_BENCH_POSTGRES_URL (or KAIHEISEN_TEST_POSTGRES_URL) when set, else a throw-away cluster
// (scripts/postgres-cluster.sh) stopped at the end. Loopback only; bounded in requests and time. Last line: JSON.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/adapters/db/open-database.ts';
import { PROCESS_SLACK_SECRET, slackWebApiStandIn, startBotProcess, type BotProcess } from '../test/support/bot-process.ts';
import { roundRobinProxy } from '../test/support/round-robin-proxy.ts';
import { testCipher } from '../test/support/test-cipher.ts';
import { runLoad, type LoadFigures } from './ack-load.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i > 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const RPS = Math.min(arg('rps', 100), 300);
const SECONDS = Math.min(arg('seconds', 20), 120);
const INSTANCES = [1, 2, 3];
const WARM_SECONDS = 2;
/** How long the backlog may take to drain after the last send before a run is reported as not drained. */
const DRAIN_BOUND_MS = Math.min(Math.max(30_000, SECONDS * 3_000), 180_000);
/** The load generator's event ids start with this (bench/ack-load.ts: `Ev${tag}...`, tag 'L'); warm-up ones do not. */
const LOAD_EVENTS = 'EvL';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOAD_SCRIPT = fileURLToPath(new URL('./ack-load.ts', import.meta.url));
const CLUSTER_SCRIPT = join(ROOT, 'scripts', 'postgres-cluster.sh');

/** Undone on exit, error or signal, last first. */
const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (e) {
      console.error(`clean-up: ${(e as Error).message}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  await new Promise((r) => server.close(r));
  return port;
}

function postgresInstalled(): boolean {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (versions.some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')))) return true;
  try {
    execFileSync('sh', ['-c', 'command -v initdb && command -v pg_ctl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The PostgreSQL server to create the run databases on: the one named in the environment, else a throw-away cluster. */
async function postgresServer(): Promise<string> {
  const given = process.env.KAIHEISEN_BENCH_POSTGRES_URL || process.env.KAIHEISEN_TEST_POSTGRES_URL;
  if (given) return given;
  if (!postgresInstalled()) {
    throw new Error('PostgreSQL is not installed: set KAIHEISEN_BENCH_POSTGRES_URL to a server (postgres://user@host:port/db), or install PostgreSQL 15 (Debian: apt-get install postgresql)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-pg-'));
  const port = await freePort();
  cleanups.push(async () => {
    execFileSync('bash', [CLUSTER_SCRIPT, 'stop', dir], { stdio: 'inherit' });
    rmSync(dir, { recursive: true, force: true });
  });
  const url = execFileSync('bash', [CLUSTER_SCRIPT, 'start', dir, String(port)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
  console.log(`PostgreSQL: a throw-away cluster on port ${port}`);
  return url;
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh empty database on the server, dropped again by the clean-up. */
async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kaiheisen_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The load generator, a process of its own; its figures once it sent everything and had every answer. */
function loadProcess(url: string): { child: ChildProcess; result: Promise<LoadFigures> } {
  const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT, url, String(RPS), String(SECONDS), PROCESS_SLACK_SECRET], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const result = new Promise<LoadFigures>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadFigures) : reject(new Error(`load generator exited ${code}`)))),
  );
  return { child, result };
}

interface Backlog {
  stored: number;
  done: number;
  failed: number;
  waiting: number;
  lastDoneAtMs: number | null;
}

type Observer = Awaited<ReturnType<typeof openDatabase>>;

async function backlog(db: Observer, prefix: string): Promise<Backlog> {
  const where = { eventKey: { startsWith: prefix } };
  const [stored, done, failed, last] = await Promise.all([
    db.read.inboundEvent.count({ where }),
    db.read.inboundEvent.count({ where: { ...where, state: 'done' } }),
    db.read.inboundEvent.count({ where: { ...where, state: 'failed' } }),
    db.read.inboundEvent.aggregate({ where: { ...where, state: 'done' }, _max: { processedAt: true } }),
  ]);
  const at = last._max.processedAt;
  return { stored, done, failed, waiting: stored - done - failed, lastDoneAtMs: at ? new Date(at).getTime() : null };
}

/** Polls until no event of `prefix` waits (at least `stored` of them in), or the bound passes. */
async function drained(db: Observer, prefix: string, stored: number, boundMs: number): Promise<{ state: Backlog; drained: boolean }> {
  const deadline = performance.now() + boundMs;
  for (;;) {
    const state = await backlog(db, prefix);
    if (state.stored >= stored && state.waiting === 0) return { state, drained: true };
    if (performance.now() > deadline) return { state, drained: false };
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface RunFigures {
  name: string;
  instances: number;
  database: 'sqlite' | 'postgres';
  rps: number;
  seconds: number;
  sent: number;
  acked: number;
  errors: number;
  acksPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  over1s: number;
  done: number;
  failed: number;
  drained: boolean;
  processedPerSecond: number;
  /** From the first send to the last event done. */
  processingSeconds: number;
  /** Requests each process answered through the balancer (warm-up included). */
  perProcess: number[];
}

const round = (n: number) => Math.round(n * 100) / 100;
const ms = (n: number | null) => (n === null || Number.isNaN(n) ? '-' : n.toFixed(1));

async function measure(name: string, database: 'sqlite' | 'postgres', databaseUrl: string, instances: number): Promise<RunFigures> {
  const undo = cleanups.length;
  try {
    const stand = await slackWebApiStandIn();
    cleanups.push(() => stand.close());
    const processes: BotProcess[] = [];
    cleanups.push(() => Promise.all(processes.map((p) => p.stop())));
    // The first alone migrates the empty database and loads the examples; the others join it.
    processes.push(await startBotProcess({ databaseUrl, slackApiUrl: stand.url }));
    processes.push(...(await Promise.all(Array.from({ length: instances - 1 }, () => startBotProcess({ databaseUrl, slackApiUrl: stand.url })))));
    const proxy = await roundRobinProxy(() => processes.map((p) => p.base));
    cleanups.push(() => proxy.close());
    const observer = await openDatabase(databaseUrl, { cipher: testCipher() });
    cleanups.push(() => observer.close());
    const url = `${proxy.url}/slack/events`;

    // Warm-up through the balancer, and its backlog drained, so that every run starts from the same quiet state.
    const warm = await runLoad({ url, rps: Math.min(RPS, 50), seconds: WARM_SECONDS, secret: PROCESS_SLACK_SECRET, tag: 'warm' });
    if (warm.acked === 0) throw new Error(`${name}: no warm-up event acked (${warm.reasons.join('; ')})`);
    await drained(observer, 'Evwarm', warm.acked, DRAIN_BOUND_MS);

    const load = loadProcess(url);
    cleanups.push(async () => load.child.exitCode === null && load.child.kill('SIGTERM'));
    const r = await load.result;
    const { state, drained: ok } = await drained(observer, LOAD_EVENTS, r.acked, DRAIN_BOUND_MS);
    const processingSeconds = state.lastDoneAtMs === null ? NaN : (state.lastDoneAtMs - r.startedAtMs) / 1000;
    return {
      name,
      instances,
      database,
      rps: RPS,
      seconds: SECONDS,
      sent: r.sent,
      acked: r.acked,
      errors: r.errors,
      acksPerSecond: round(r.acked / SECONDS),
      p50Ms: round(r.p50Ms),
      p99Ms: round(r.p99Ms),
      maxMs: round(r.maxMs),
      over1s: r.over1s,
      done: state.done,
      failed: state.failed,
      drained: ok,
      processedPerSecond: round(state.done / processingSeconds),
      processingSeconds: round(processingSeconds),
      perProcess: processes.map((p) => proxy.answered.get(p.base) ?? 0),
    };
  } finally {
    while (cleanups.length > undo) await cleanups.pop()!().catch((e: Error) => console.error(`clean-up: ${e.message}`));
  }
}

function print(f: RunFigures): void {
  console.log(
    `${f.name.padEnd(12)} ${f.acked}/${f.sent} acked  ${f.acksPerSecond} acks/s  p50 ${ms(f.p50Ms)} ms  p99 ${ms(f.p99Ms)} ms  max ${ms(f.maxMs)} ms  errors ${f.errors}` +
      `  |  ${f.done} done, ${f.failed} failed in ${f.processingSeconds} s: ${f.processedPerSecond} processed/s${f.drained ? '' : ' (NOT drained)'}  |  per process ${f.perProcess.join('/')}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-instances-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  console.log(`load: ${RPS} events/s for ${SECONDS} s per run, through a round-robin balancer on loopback`);
  const floor = await measure('sqlite-1', 'sqlite', `file:${join(dir, 'bench.db')}`, 1);
  print(floor);
  const server = await postgresServer();
  const runs: RunFigures[] = [];
  for (const n of INSTANCES) {
    const database = await freshPostgresDatabase(server);
    cleanups.push(database.drop);
    try {
      runs.push(await measure(`postgres-${n}`, 'postgres', database.url, n));
    } finally {
      await cleanups.pop()!();
    }
    print(runs.at(-1)!);
  }
  const last = runs.at(-1)!;
  console.log(
    JSON.stringify({
      name: 'instances',
      rps: RPS,
      seconds: SECONDS,
      floor,
      runs,
      // The load is open loop: while every request is acknowledged, acks/s is the send rate in every run. What the
      // runs differ in is how fast the events are worked off (the default rate is above one process's capacity).
      ratio: round(last.processedPerSecond / floor.processedPerSecond),
      ackRatio: round(last.acksPerSecond / floor.acksPerSecond),
    }),
  );
}

try {
  await main();
} finally {
  await cleanUp();
}
