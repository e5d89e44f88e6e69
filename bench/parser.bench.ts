/**
 * Reply parser: cost of loading it (natural's two Japanese modules + the vocabulary), of parsing the
 * corpus replies, and how the cost of one parse grows with the length of the message. A worker's
 * message is parsed on the event loop, so the cost must grow linearly: µs per character at 4,000
 * characters divided by µs per character at 400 (the floor) is `ratio`, ≈ 1 (or below) when linear.
 * The same is measured on hostile texts (long digit runs, 1,111,… chains, runs of signs, one phrase
 * repeated, full-width text), where a quadratic spot would show first.
 *
 * Accuracy per field: every case of the corpus files (test/fixtures/replies*.json) is parsed once, and each field
 * its expectation carries (intent, outcome, taskRef, reading, facts, …) is compared with what the parser returns.
 *
 * `npm run bench -- parser [N]` (N corpus parses, default 10,000); the last line is one JSON object.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const runs = Number(process.argv[2] ?? 10_000);
const LENGTHS = [40, 400, 4_000, 16_000, 40_000] as const;
const TARGET_MS_AT_4000 = 5;
const CORPUS_FILES = ['replies.json', 'replies-negation.json', 'replies-field.json', 'replies-context.json'] as const;
interface CorpusCase {
  input: string;
  options?: Parameters<typeof import('../src/adapters/nlp/reply-parser.ts').parseReply>[1];
  expect: Record<string, unknown>;
}
const corpus: CorpusCase[] = CORPUS_FILES.flatMap(
  (name) => (JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as { cases: CorpusCase[] }).cases,
);
const cases = corpus.map((c) => c.input);

gc();
const before = process.memoryUsage();
const loadStart = performance.now();
const { parseReply } = await import('../src/adapters/nlp/reply-parser.ts');
parseReply('0012 開栓完了 指針1187'); // the vocabulary is read on first use
const loadMs = performance.now() - loadStart;
gc();
const after = process.memoryUsage();

/** Deep equality of JSON values; ambiguities compare as sets (their order carries no meaning). */
const canonical = (key: string, v: unknown): string =>
  JSON.stringify(key === 'ambiguities' && Array.isArray(v) ? [...v].sort() : v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
const tally: Record<string, { right: number; cases: number }> = {};
const wrongCases: string[] = [];
for (const c of corpus) {
  const parsed = parseReply(c.input, c.options) as unknown as Record<string, unknown>;
  let allRight = true;
  for (const [key, expected] of Object.entries(c.expect)) {
    const field = (tally[key] ??= { right: 0, cases: 0 });
    field.cases += 1;
    if (canonical(key, parsed[key]) === canonical(key, expected)) field.right += 1;
    else allRight = false;
  }
  if (!allRight) wrongCases.push(c.input);
}
const accuracy: Record<string, number> = {};
console.log(`accuracy per field over ${corpus.length} corpus cases (${CORPUS_FILES.join(', ')}):`);
for (const [key, { right, cases: n }] of Object.entries(tally).sort(([a], [b]) => a.localeCompare(b))) {
  accuracy[key] = Number((right / n).toFixed(4));
  console.log(`  ${key.padEnd(16)} ${String(right).padStart(4)} / ${String(n).padEnd(4)} ${(100 * (right / n)).toFixed(1)} %`);
}
const casesAllRight = Number(((corpus.length - wrongCases.length) / corpus.length).toFixed(4));
console.log(`  all fields right: ${corpus.length - wrongCases.length} / ${corpus.length}`);
for (const input of wrongCases) console.log(`  wrong: ${input}`);

const corpusStart = performance.now();
for (let i = 0; i < runs; i++) parseReply(cases[i % cases.length] as string);
const corpusMs = performance.now() - corpusStart;
console.log(`${runs} parses of ${cases.length} distinct replies in ${corpusMs.toFixed(0)} ms`);

/** The corpus replies one after another (as a worker pasting a day's notes would send), cut to `length`. */
function corpusText(length: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const part = `${cases[i % cases.length]} `;
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, length);
}

const repeat = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const HOSTILE: Record<string, (length: number) => string> = {
  digits: (n) => repeat('1', n),
  groupedNumbers: (n) => repeat('111,', n),
  signs: (n) => `${repeat('!', n - 1)}a`,
  onePhrase: (n) => repeat('開栓完了', n),
  numbers: (n) => repeat('12 ', n),
  readings: (n) => repeat('指針12 ', n),
  fullWidth: (n) => repeat('１２３ｱｲｳ', n),
  notDoneReason: (n) => `0012 開栓できず ${repeat('犬 ', n - 10)}`,
};

/** CPU time of this process (user + system), in µs: unlike the wall clock, it does not count other processes' turns. */
const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * µs of one parse of `text`: the CPU time of the fastest of 9 batches of about 20 ms each (what other processes
 * on a shared machine do only ever adds, so the fastest batch is the closest to the parser's own cost).
 */
function usPerParse(text: string): number {
  parseReply(text); // warm-up
  const probeStart = performance.now();
  parseReply(text);
  const probe = Math.max(performance.now() - probeStart, 0.001);
  const perBatch = Math.max(1, Math.round(20 / probe));
  const samples: number[] = [];
  for (let b = 0; b < 9; b++) {
    const start = cpuUs();
    for (let i = 0; i < perBatch; i++) parseReply(text);
    samples.push((cpuUs() - start) / perBatch);
  }
  return Math.min(...samples);
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
const usPerParseAt: Record<string, number> = {};
const usPerCharAt: Record<string, number> = {};
console.log('corpus replies joined:');
for (const length of LENGTHS) {
  const us = usPerParse(corpusText(length));
  usPerParseAt[length] = round(us);
  usPerCharAt[length] = round(us / length, 3);
  console.log(`  ${String(length).padStart(6)} chars: ${us.toFixed(0).padStart(7)} µs per parse, ${(us / length).toFixed(3)} µs per char`);
}

const hostileUsAt4000: Record<string, number> = {};
const hostileRatio: Record<string, number> = {};
console.log('hostile texts, µs per parse at 400 / 4,000 / 40,000 chars:');
for (const [name, make] of Object.entries(HOSTILE)) {
  const [small, medium, large] = [400, 4_000, 40_000].map((n) => usPerParse(make(n))) as [number, number, number];
  hostileUsAt4000[name] = round(medium);
  hostileRatio[name] = round(medium / 4_000 / (small / 400), 2);
  console.log(`  ${name.padEnd(15)} ${small.toFixed(0).padStart(6)} ${medium.toFixed(0).padStart(7)} ${large.toFixed(0).padStart(8)}`);
}

const perChar = (length: number): number => (usPerParseAt[length] as number) / length;
const ratio = round(perChar(4_000) / perChar(400), 2);
const worstHostileMs = Math.max(...Object.values(hostileUsAt4000)) / 1000;
console.log(
  `4,000 chars: ${((usPerParseAt[4_000] as number) / 1000).toFixed(2)} ms (hostile worst ${worstHostileMs.toFixed(2)} ms), target ≤ ${TARGET_MS_AT_4000} ms; ratio ${ratio} to the floor (µs per char at 400 chars)`,
);
console.log(
  JSON.stringify({
    corpusCases: corpus.length,
    accuracy,
    casesAllRight,
    usPerParse: usPerParseAt,
    usPerChar: usPerCharAt,
    msAt4000: round((usPerParseAt[4_000] as number) / 1000, 2),
    targetMsAt4000: TARGET_MS_AT_4000,
    ratio,
    floor: 'µs per char at 400 chars (ratio = µs per char at 4,000 / at 400; ≈1 or below = linear)',
    ratio40000: round(perChar(40_000) / perChar(400), 2),
    hostileUsAt4000,
    hostileRatio,
    hostileWorstMsAt4000: round(worstHostileMs, 2),
    corpusRuns: runs,
    corpusPerParseUs: Math.round((corpusMs * 1000) / runs),
    corpusParsesPerSecond: Math.round(runs / (corpusMs / 1000)),
    loadMs: Math.round(loadMs),
    loadHeapMb: Number(((after.heapUsed - before.heapUsed) / 1e6).toFixed(1)),
    loadRssMb: Number(((after.rss - before.rss) / 1e6).toFixed(1)),
  }),
);
