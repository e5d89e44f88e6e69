// `npm run bench -- import [ROWS] [BIG_ROWS] [RUNS]`: what a user's import costs. A year of work orders (別表1
// volumes, CP932, CRLF; bench/import-data.ts) imported by `kaiheisen import FILE` in a child process, as a user
// runs it: a fresh SQLite database, the data key given as KAIHEISEN_DATA_KEY, so personal fields are encrypted.
// Against the floor (bench/import-floor.ts), also a child process: the same crypto per row with the same cipher,
// plain better-sqlite3 inserts in one transaction. ROWS (default 60,000) and BIG_ROWS (default 4 × ROWS) show
// whether the import's memory stays flat in the file size. Each side runs RUNS times (default 1); the fastest counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
function measure(dir: string, rows: number, runs: number): Size {
  const file = join(dir, `work-orders-${rows}.csv`);
  const written = writeImportRows(file, rows);
  console.log(`generated ${written.rows} orders (${(written.bytes / 1e6).toFixed(1)} MB, CP932, CRLF)`);
  const size: Size = { rows: written.rows, megabytes: round(written.bytes / 1e6), ours: [], floor: [] };
  for (let i = 0; i < runs; i++) {
    size.ours.push(ours(dir, file, written.rows, `ours-${rows}-${i}`));
    size.floor.push(floor(dir, file, written.rows, `floor-${rows}-${i}`));
    console.log(`  ${written.rows} rows: ${describe('kaiheisen import', size.ours.at(-1)!)}; ${describe('floor', size.floor.at(-1)!)}`);
  }
  return size;
}

const round = (n: number) => Math.round(n * 100) / 100;
const describe = (what: string, r: Run) =>
  `${what} ${round(r.seconds)} s${r.pausedSeconds > 0 ? ` (${round(r.pausedSeconds)} s of it paused for other writers)` : ''} (process ${round(r.processSeconds)} s, cpu ${round(r.cpuSeconds)} s, peak RSS ${Math.round(r.maxRssMb)} MB)`;
const fastest = (list: Run[]): Run => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const peak = (list: Run[]) => Math.round(Math.max(...list.map((r) => r.maxRssMb)));

function figures(size: Size, startup: Run) {
  const [o, f] = [fastest(size.ours), fastest(size.floor)];
  return {
    rows: size.rows, megabytes: size.megabytes, seconds: round(o.seconds), processSeconds: round(o.processSeconds),
    floorSeconds: round(f.seconds), ratio: round(o.seconds / f.seconds),
    // Extra: without the pauses between steps, which leave the write lock to a running bot at least as long as each step held it.
    pausedSeconds: round(o.pausedSeconds), ratioWithoutPauses: round((o.seconds - o.pausedSeconds) / f.seconds),
    // CPU of the import beyond the CLI's start-up (a header-only file), against the floor's CPU for its work.
    cpuRatio: round((Math.min(...size.ours.map((r) => r.cpuSeconds)) - startup.cpuSeconds) / Math.min(...size.floor.map((r) => r.cpuSeconds))),
    peakRssMb: peak(size.ours), floorPeakRssMb: peak(size.floor),
  };
}

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
    const [small, big] = [measure(dir, rows, runs), measure(dir, bigRows, runs)].map((s) => figures(s, startup)) as [ReturnType<typeof figures>, ReturnType<typeof figures>];
    const flat = round(big.peakRssMb / small.peakRssMb);
    console.log(`ratio ${small.ratio} at ${small.rows} rows, ${big.ratio} at ${big.rows}; peak RSS ${small.peakRssMb} → ${big.peakRssMb} MB (×${flat})`);
    console.log(JSON.stringify({
      name: 'import', ...small, big, peakRssGrowth: flat,
      startup: { processSeconds: round(startup.processSeconds), cpuSeconds: round(startup.cpuSeconds), peakRssMb: Math.round(startup.maxRssMb) },
      floor: 'bench/import-floor.ts: same FieldCipher AES-256-GCM fields + HMAC blind indexes + SHA-256 per row, better-sqlite3 inserts in one transaction',
      goal: 'ratio<=1.5, peakRssMb<=250 at 60000 rows, peakRssGrowth<=1.15',
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
