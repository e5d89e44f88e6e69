// `npm run bench -- import [ROWS] [BIG_ROWS] [RUNS]`: what a user's import costs. A year of work orders (別表1
// volumes, CP932, CRLF; bench/import-data.ts) imported by `kaiheisen import FILE` in a child process, as a user
// runs it: a fresh SQLite database, the data key given as KAIHEISEN_DATA_KEY, so personal fields are encrypted.
// Against the floor (bench/import-floor.ts), also a child process: the same crypto per row with the same cipher,
// plain better-sqlite3 inserts in one transaction. ROWS (default 60,000) and BIG_ROWS (default 4 × ROWS) show
// whether the import's memory stays flat in the file size. Each side runs RUNS times (default 1); the fastest counts.
// No bot runs on the fresh database (no heartbeat): the import publishes alone, in large steps without pauses. Both
// the wall ratio (the import's seconds against the floor's) and the CPU ratio (beyond the CLI's start-up) are printed
// with the load average; `ratio` is the wall one when the load average stays below 1.5, else (the cores shared with
// other work, which the import, at batch priority, yields to) the CPU one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import iconv from 'iconv-lite';
import { testKey } from '../test/support/test-cipher.ts';
import { workOrderLines } from './import-data.ts';
import { writeImportRows } from './write-import-file.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEADER_ONLY_ROWS = 0;

interface Run {
  seconds: number; // the import's own time (its log entry), or the floor's work
  processSeconds: number; // the child process from start to exit
  cpuSeconds: number; // user + system time of the whole child process
  maxRssMb: number; // peak RSS of the whole child process
  pausedSeconds: number; // of `seconds`, the pauses between publishing steps that leave the lock to a running bot
}

function child(args: string[], env: Record<string, string>, cwd: string): { stdout: string; stderr: string; seconds: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return { stdout: run.stdout, stderr: run.stderr, seconds };
}

/** `kaiheisen import FILE --json` on a fresh database, with the data key a production bot is given. */
function ours(dir: string, file: string, rows: number, name: string): Run {
  const db = join(dir, `${name}.db`);
  const probe = join(dir, `${name}.probe.json`);
  const env = {
    PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: dir, DOTENV_CONFIG_QUIET: 'true',
    DATABASE_URL: `file:${db}`, KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), KAIHEISEN_LOG_LEVEL: 'info',
    KAIHEISEN_BENCH_PROBE: probe,
  };
  const bin = join(ROOT, 'bin', 'kaiheisen.mjs');
  const run = child(['--import', join(ROOT, 'bench', 'import-probe.mjs'), bin, 'import', file, '--json'], env, dir);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { imported: number };
  if (result.imported !== rows) throw new Error(`imported ${result.imported} of ${rows}`);
  checkEncrypted(db, rows);
  const logged = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => l.includes('"work orders imported"'));
  const { ms, pausedMs = 0 } = logged ? (JSON.parse(logged) as { ms?: number; pausedMs?: number }) : {};
  if (ms === undefined) throw new Error('the import logged no time');
  const { maxRssMb, cpuSeconds } = JSON.parse(readFileSync(probe, 'utf8')) as { maxRssMb: number; cpuSeconds: number };
  return { seconds: ms / 1000, processSeconds: run.seconds, cpuSeconds, maxRssMb, pausedSeconds: pausedMs / 1000 };
}

/** The import really encrypted: no personal field of the stored rows is plaintext. */
function checkEncrypted(dbPath: string, rows: number): void {
  if (rows === 0) return;
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const plain = db.prepare(`SELECT count(*) FROM "WorkOrder" WHERE "customerName" NOT LIKE 'enc:v1:%' OR "address" NOT LIKE 'enc:v1:%'`).pluck().get();
    if (plain !== 0) throw new Error(`${plain} rows stored in plaintext`);
  } finally {
    db.close();
  }
}

function floor(dir: string, file: string, rows: number, name: string): Run {
  const run = child(['--import', 'tsx', join(ROOT, 'bench', 'import-floor.ts'), file, join(dir, `${name}.db`)], { PATH: process.env.PATH ?? '' }, ROOT);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as Run & { rows: number };
  if (result.rows !== rows) throw new Error(`floor inserted ${result.rows} of ${rows}`);
  return { ...result, processSeconds: run.seconds, pausedSeconds: 0 };
}

interface Size {
  rows: number;
  megabytes: number;
  ours: Run[];
  floor: Run[];
}

/** Imports and floors take turns, so that both meet the same load of the machine. */
function measure(dir: string, rows: number, runs: number, which: 'small' | 'big'): Size {
  const file = join(dir, `work-orders-${rows}.csv`);
  const written = writeImportRows(file, rows);
  console.log(`generated ${written.rows} orders (${(written.bytes / 1e6).toFixed(1)} MB, CP932, CRLF)`);
  const size: Size = { rows: written.rows, megabytes: round(written.bytes / 1e6), ours: [], floor: [] };
  for (let i = 0; i < runs; i++) {
    size.ours.push(ours(dir, file, written.rows, `ours-${which}-${i}`));
    size.floor.push(floor(dir, file, written.rows, `floor-${which}-${i}`));
    noteLoad();
    console.log(`  ${written.rows} rows: ${describe('kaiheisen import', size.ours.at(-1)!)}; ${describe('floor', size.floor.at(-1)!)} (load ${round(loadavg()[0] ?? 0)})`);
  }
  return size;
}

const round = (n: number) => Math.round(n * 100) / 100;
const describe = (what: string, r: Run) =>
  `${what} ${round(r.seconds)} s${r.pausedSeconds > 0 ? ` (${round(r.pausedSeconds)} s of it paused for other writers)` : ''} (process ${round(r.processSeconds)} s, cpu ${round(r.cpuSeconds)} s, peak RSS ${Math.round(r.maxRssMb)} MB)`;
const fastest = (list: Run[]): Run => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const peak = (list: Run[]) => Math.round(Math.max(...list.map((r) => r.maxRssMb)));

/** Below this load average (1 min) the wall ratio is judged; above, other processes share the cores: the CPU ratio. */
const QUIET_LOAD = 1.5;

function figures(size: Size, startup: Run, load: number) {
  const [o, f] = [fastest(size.ours), fastest(size.floor)];
  const wallRatio = round(o.seconds / f.seconds);
  // CPU of the import beyond the CLI's start-up (a header-only file), against the floor's CPU for its work.
  const cpuRatio = round((Math.min(...size.ours.map((r) => r.cpuSeconds)) - startup.cpuSeconds) / Math.min(...size.floor.map((r) => r.cpuSeconds)));
  const judgedOn = load < QUIET_LOAD ? 'wall' : 'cpu';
  return {
    rows: size.rows, megabytes: size.megabytes, seconds: round(o.seconds), processSeconds: round(o.processSeconds),
    floorSeconds: round(f.seconds), ratio: judgedOn === 'wall' ? wallRatio : cpuRatio, judgedOn, wallRatio, cpuRatio,
    // Pauses between steps happen only while a bot runs on the database (its heartbeat): none on this fresh one.
    pausedSeconds: round(o.pausedSeconds), ratioWithoutPauses: round((o.seconds - o.pausedSeconds) / f.seconds),
    peakRssMb: peak(size.ours), floorPeakRssMb: peak(size.floor),
  };
}

/** The highest 1-minute load average seen at the measurements' ends. */
let loadAverage = 0;
const noteLoad = () => {
  loadAverage = Math.max(loadAverage, round(loadavg()[0] ?? 0));
};

function main(): void {
  const rows = Number(process.argv[2] ?? 60_000);
  const bigRows = Number(process.argv[3] ?? rows * 4);
  const runs = Number(process.argv[4] ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-'));
  try {
    const empty = join(dir, 'header-only.csv');
    writeFileSync(empty, iconv.encode(`${workOrderLines(0).next().value}\r\n`, 'cp932'));
    const startup = ours(dir, empty, HEADER_ONLY_ROWS, 'startup');
    console.log(`start-up: ${describe('kaiheisen import of a header-only file', startup)}`);
    noteLoad();
    const sizes = [measure(dir, rows, runs, 'small'), measure(dir, bigRows, runs, 'big')]; // also when both are as large
    const [small, big] = sizes.map((s) => figures(s, startup, loadAverage)) as [ReturnType<typeof figures>, ReturnType<typeof figures>];
    const flat = round(big.peakRssMb / small.peakRssMb);
    console.log(`load average ${loadAverage} (judged on ${small.judgedOn}: wall below ${QUIET_LOAD}, else CPU)`);
    console.log(`wall ratio ${small.wallRatio} at ${small.rows} rows, ${big.wallRatio} at ${big.rows}; CPU ratio ${small.cpuRatio}, ${big.cpuRatio}`);
    console.log(`peak RSS ${small.peakRssMb} → ${big.peakRssMb} MB (×${flat})`);
    const targetsMet = { ratio: small.ratio <= 1.5, peakRss: small.peakRssMb <= 250, flat: flat <= 1.15 };
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(`targets: ratio ≤ 1.5 ${met(targetsMet.ratio)}; peak RSS ≤ 250 MB ${met(targetsMet.peakRss)}; growth ≤ 1.15 ${met(targetsMet.flat)}`);
    console.log(JSON.stringify({
      name: 'import', ...small, big, peakRssGrowth: flat, loadAverage, targetsMet,
      startup: { processSeconds: round(startup.processSeconds), cpuSeconds: round(startup.cpuSeconds), peakRssMb: Math.round(startup.maxRssMb) },
      floor: 'bench/import-floor.ts: same FieldCipher AES-256-GCM fields + HMAC blind indexes + SHA-256 per row, better-sqlite3 inserts in one transaction',
      goal: `ratio<=1.5 (the wall ratio when the load average < ${QUIET_LOAD}, else the CPU ratio), peakRssMb<=250 at 60000 rows, peakRssGrowth<=1.15`,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
