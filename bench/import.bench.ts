// `npm run bench -- import [ROWS] [RUNS]`: a year of work orders (別表1 volumes, CP932) imported
// into a fresh SQLite file through the real use case, against the floor: the same rows inserted
// with one plain better-sqlite3 prepared statement in one transaction into a fresh file. Each
// import runs in a child process of its own, so its peak RSS is that of one `kaiheisen import`;
// each side runs RUNS times and the fastest run counts (the machine may be busy with other work).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/adapters/db/open-database.ts';
import { prepareDatabaseFile } from '../src/adapters/db/sqlite/sqlite-database.ts';
import { createWorkOrderImportStore } from '../src/adapters/db/work-order-store.ts';
import { openWorkOrderFile } from '../src/adapters/csv/work-order-file.ts';
import { sha256Hex } from '../src/adapters/crypto/content-hash.ts';
import { importWorkOrders } from '../src/application/import-work-orders.ts';
import { testCipher } from '../test/support/test-cipher.ts';
import { workOrderCsv } from './import-data.ts';

interface Timed {
  seconds: number;
  cpuSeconds: number; // user + system time of the process: less disturbed by other work on the machine
}

interface ChildRun extends Timed {
  imported: number;
  unchanged: number;
  maxRssMb: number; // high-water mark of the child process when this import ended
}

/** In the child: `times` imports of the file into the database (the 2nd finds everything unchanged). */
async function childImports(file: string, dbPath: string, times: number, encrypted: boolean): Promise<ChildRun[]> {
  const db = await openDatabase(`file:${dbPath}`, encrypted ? { cipher: testCipher() } : {});
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const deps = { store: createWorkOrderImportStore(db), hash: sha256Hex, clock: { now: () => new Date() }, logger: silent };
  const runs: ChildRun[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = await importWorkOrders(deps, { source: openWorkOrderFile(file), dryRun: false, actor: { actorId: null, channel: 'bench' } });
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpuSecondsSince(cpu);
      runs.push({ seconds, cpuSeconds, imported: result.imported, unchanged: result.unchanged, maxRssMb: process.resourceUsage().maxRSS / 1024 });
    }
    return runs;
  } finally {
    await db.close();
  }
}

function runChild(file: string, dbPath: string, times: number, encrypted: boolean): ChildRun[] {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--child', file, dbPath, String(times), encrypted ? 'encrypted' : 'plain'];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildRun[];
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** The imported rows, read back, inserted into a fresh file of the same schema. */
function floorRun(importedPath: string, floorPath: string): Timed {
  const source = new BetterSqlite3(importedPath, { readonly: true });
  const select = source.prepare('SELECT * FROM "WorkOrder" ORDER BY "id"');
  const columns = select.columns().map((c) => `"${c.name}"`);
  const rows = select.raw().all() as unknown[][];
  source.close();
  prepareDatabaseFile(floorPath);
  const target = new BetterSqlite3(floorPath);
  try {
    const insert = target.prepare(`INSERT INTO "WorkOrder" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const started = performance.now();
    const cpu = process.cpuUsage();
    target.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu) };
  } finally {
    target.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

interface Measured {
  rows: number;
  plain: ChildRun[];
  again: ChildRun; // the same file once more into the first database
  floors: Timed[];
  encrypted: ChildRun[];
}

/** Imports and floors take turns, so that both meet the same load of the machine. */
function measure(dir: string, rowsWanted: number, runs: number): Measured {
  const { bytes, rows } = workOrderCsv(rowsWanted);
  const file = join(dir, 'work-orders.csv');
  writeFileSync(file, bytes);
  console.log(`generated ${rows} orders (${(bytes.length / 1e6).toFixed(1)} MB, CP932, CRLF)`);
  const [first, again] = runChild(file, join(dir, 'import-0.db'), 2, false) as [ChildRun, ChildRun];
  if (first.imported !== rows || again.unchanged !== rows) throw new Error(`imported ${first.imported}, then unchanged ${again.unchanged}, of ${rows}`);
  const plain = [first];
  const floors = [floorRun(join(dir, 'import-0.db'), join(dir, 'floor-0.db'))];
  for (let i = 1; i < runs; i++) {
    plain.push(runChild(file, join(dir, `import-${i}.db`), 1, false)[0]!);
    floors.push(floorRun(join(dir, 'import-0.db'), join(dir, `floor-${i}.db`)));
  }
  const encrypted = Array.from({ length: runs }, (_, i) => runChild(file, join(dir, `encrypted-${i}.db`), 1, true)[0]!);
  return { rows, plain, again, floors, encrypted };
}

function report({ rows, plain, again, floors, encrypted }: Measured): void {
  const fastest = (list: Timed[]) => Math.min(...list.map((r) => r.seconds));
  const leastCpu = (list: Timed[]) => Math.min(...list.map((r) => r.cpuSeconds));
  const peak = (list: ChildRun[]) => Math.round(Math.max(...list.map((r) => r.maxRssMb)));
  const runsOf = (list: Timed[]) => list.map((r) => `${round(r.seconds)} (cpu ${round(r.cpuSeconds)})`).join(', ');
  const [seconds, floor, encryptedSeconds] = [fastest(plain), fastest(floors), fastest(encrypted)];
  console.log(`import runs, s: ${runsOf(plain)}; peak RSS ${peak(plain)} MB`);
  console.log(`re-import of the same file: ${round(again.seconds)} s, ${again.unchanged} unchanged`);
  console.log(`floor runs, s: ${runsOf(floors)}`);
  console.log(`personal fields encrypted (production setting), s: ${runsOf(encrypted)}; peak RSS ${peak(encrypted)} MB`);
  console.log(JSON.stringify({
    name: 'import', rows, seconds: round(seconds), rowsPerSecond: Math.round(rows / seconds), peakRssMb: peak(plain),
    floorSeconds: round(floor), ratio: round(seconds / floor), cpuRatio: round(leastCpu(plain) / leastCpu(floors)),
    reimportSeconds: round(again.seconds), runs: plain.length,
    encrypted: { seconds: round(encryptedSeconds), rowsPerSecond: Math.round(rows / encryptedSeconds), ratio: round(encryptedSeconds / floor), peakRssMb: peak(encrypted) },
    goal: 'ratio<=3 and peakRssMb<400',
  }));
}

if (process.argv[2] === '--child') {
  const [file, dbPath, times, mode] = process.argv.slice(3);
  console.log(JSON.stringify(await childImports(file!, dbPath!, Number(times), mode === 'encrypted')));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-'));
  try {
    report(measure(dir, Number(process.argv[2] ?? 60_000), Number(process.argv[3] ?? 3)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
