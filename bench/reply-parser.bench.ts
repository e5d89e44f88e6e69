// Reply parser: cost of loading it (natural's two Japanese modules + the vocabulary) and of parsing.
// `npm run bench -- reply-parser [N]`; the last line is one JSON object of figures.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const runs = Number(process.argv[2] ?? 10_000);
const cases = (
  JSON.parse(readFileSync(new URL('../test/fixtures/replies.json', import.meta.url), 'utf8')) as { cases: { input: string }[] }
).cases.map((c) => c.input);

gc();
const before = process.memoryUsage();
const loadStart = performance.now();
const { parseReply } = await import('../src/adapters/nlp/reply-parser.ts');
parseReply('0012 開栓完了 指針1187'); // the vocabulary is read on first use
const loadMs = performance.now() - loadStart;
gc();
const after = process.memoryUsage();

const start = performance.now();
for (let i = 0; i < runs; i++) parseReply(cases[i % cases.length] as string);
const totalMs = performance.now() - start;

console.log(`${runs} parses of ${cases.length} distinct replies in ${totalMs.toFixed(0)} ms`);
console.log(
  JSON.stringify({
    runs,
    totalMs: Math.round(totalMs),
    perParseUs: Math.round((totalMs * 1000) / runs),
    parsesPerSecond: Math.round(runs / (totalMs / 1000)),
    loadMs: Math.round(loadMs),
    loadHeapMb: Number(((after.heapUsed - before.heapUsed) / 1e6).toFixed(1)),
    loadRssMb: Number(((after.rss - before.rss) / 1e6).toFixed(1)),
  }),
);
