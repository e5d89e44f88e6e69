/**
 * CLI start-up: `kaiheisen --help` and `kaiheisen parse …` as a user runs them, each a new process
 * (`node bin/kaiheisen.mjs …`). Warm: the OS temp directory holds tsx's transpiled files and the templates' JSON
 * (src/derived-cache.ts) from a warm-up run, as on a user's second run; cold: a new, empty temp directory each run.
 * Wall seconds and CPU seconds (user + system, every thread of the child) per run, median and p90.
 *
 * The floor is what any TypeScript CLI on this stack pays: `node -e ""` plus tsx's register() and one empty .ts
 * module; ratio = ours / floor (CPU medians, warm). The target: warm wall median ≤ 0.5 s for both commands.
 *
 * `npm run bench -- cli-start [N]` (N warm runs per command, default 10; 3 cold runs); the last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 10);
const COLD_RUNS = 3;
const TARGET_S = 0.5;
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-cli-'));

// Reports the child's CPU time on fd 3 when it exits (preloaded with --import; a few lines, no dependency).
const probe = join(work, 'cpu-probe.mjs');
writeFileSync(probe, "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); writeSync(3, `${(u.user + u.system) / 1e6}`); });\n");
// The floor: node, tsx's register() and one empty TypeScript module (in a folder of its own, as an ES module).
const floorDir = join(work, 'floor');
mkdirSync(floorDir);
writeFileSync(join(floorDir, 'package.json'), '{ "type": "module" }\n');
writeFileSync(join(floorDir, 'empty.ts'), 'export {};\n');
writeFileSync(join(floorDir, 'floor.mjs'), `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import('./empty.ts');\n`);

interface Case {
  name: string;
  args: string[];
  /** What stdout must show: the run is not counted as a start-up if the command did not answer. */
  answer: RegExp;
}
const CASES: Case[] = [
  { name: 'node -e ""', args: ['-e', ''], answer: /^$/ },
  { name: 'floor (node + tsx register + empty .ts)', args: [join(floorDir, 'floor.mjs')], answer: /^$/ },
  { name: 'kaiheisen --help', args: ['bin/kaiheisen.mjs', '--help'], answer: /Usage: kaiheisen/ },
  { name: 'kaiheisen parse', args: ['bin/kaiheisen.mjs', 'parse', '0012 開栓完了 指針1187'], answer: /1187/ },
];

interface Sample {
  wall: number;
  cpu: number;
}

function runOnce(c: Case, tempDir: string): Sample {
  const env = { ...process.env, TMPDIR: tempDir, DOTENV_CONFIG_QUIET: 'true' };
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', probe, ...c.args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const out = String(r.output[1] ?? '');
  if (r.status !== 0 || !c.answer.test(out)) throw new Error(`${c.name}: exit ${r.status}\n${out}\n${String(r.output[2] ?? '')}`);
  return { wall, cpu: Number(r.output[3]) };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 1000) / 1000;
const stats = (samples: Sample[]) => ({
  wallMedian: round(quantile(samples.map((s) => s.wall), 0.5)),
  wallP90: round(quantile(samples.map((s) => s.wall), 0.9)),
  cpuMedian: round(quantile(samples.map((s) => s.cpu), 0.5)),
  cpuP90: round(quantile(samples.map((s) => s.cpu), 0.9)),
});

const warmDir = join(work, 'warm-tmp');
mkdirSync(warmDir);
const results: Record<string, { warm: ReturnType<typeof stats>; cold: ReturnType<typeof stats> }> = {};
for (const c of CASES) {
  runOnce(c, warmDir); // the warm-up run fills the caches
  const warm = Array.from({ length: runs }, () => runOnce(c, warmDir));
  const cold = Array.from({ length: COLD_RUNS }, (_, i) => {
    const dir = join(work, `cold-${c.args.length}-${i}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    return runOnce(c, dir);
  });
  results[c.name] = { warm: stats(warm), cold: stats(cold) };
  const w = results[c.name]!.warm;
  const k = results[c.name]!.cold;
  console.log(`${c.name.padEnd(42)} warm wall ${w.wallMedian.toFixed(3)} s (p90 ${w.wallP90.toFixed(3)}), cpu ${w.cpuMedian.toFixed(3)} s (p90 ${w.cpuP90.toFixed(3)}) | cold wall ${k.wallMedian.toFixed(3)} s, cpu ${k.cpuMedian.toFixed(3)} s`);
}
rmSync(work, { recursive: true, force: true });

const floor = results[CASES[1]!.name]!.warm;
const ours = { help: results[CASES[2]!.name]!.warm, parse: results[CASES[3]!.name]!.warm };
const ratio = { help: round(ours.help.cpuMedian / floor.cpuMedian), parse: round(ours.parse.cpuMedian / floor.cpuMedian) };
const met = ours.help.wallMedian <= TARGET_S && ours.parse.wallMedian <= TARGET_S;
console.log(`ratio to the floor (cpu, warm): --help ${ratio.help}, parse ${ratio.parse}`);
console.log(`target warm wall median ≤ ${TARGET_S} s: ${met ? 'met' : 'NOT met'} (--help ${ours.help.wallMedian} s, parse ${ours.parse.wallMedian} s; floor ${floor.wallMedian} s)`);
console.log(JSON.stringify({ bench: 'cli-start', runs, coldRuns: COLD_RUNS, results, ratio, targetSeconds: TARGET_S, targetMet: met }));
