import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config.ts';
import { runSimulation } from '../../../src/simulation/run-simulation.ts';
import { readScript } from '../../../src/simulation/script.ts';

const WHOLE_DAY = 'examples/simulate/whole-day.yaml';
const ORDERS = 'examples/work-orders-2026-03-27.csv';

/** Every customer name, kana, phone and customer number of the example orders, and every staff phone. */
function personalValues(): string[] {
  const [header, ...rows] = readFileSync(ORDERS, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
  const columns = ['お客さま番号', '使用者名', '使用者名カナ', '連絡先電話番号'].map((c) => header!.indexOf(c));
  expect(columns.every((i) => i >= 0)).toBe(true);
  const fromOrders = rows.flatMap((r) => columns.map((i) => r[i]!.trim()));
  const staff = parse(readFileSync('examples/staff.yaml', 'utf8')) as { people: { phone?: string }[] };
  const phones = staff.people.map((p) => p.phone).filter((p): p is string => typeof p === 'string');
  expect(phones.length).toBeGreaterThan(5);
  return [...new Set([...fromOrders, ...phones].filter((v) => v.length >= 3))];
}

const leaksIn = (lines: string[], values: string[]) =>
  lines.flatMap((line) => values.filter((v) => line.includes(v)).map((v) => `${v} in ${line.slice(0, 200)}`));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('logs of a whole day contain no personal data (情報セキュリティ特記仕様書)', () => {
  it('plays examples/simulate/whole-day.yaml at debug level and finds no name, kana, phone or customer number in any log line', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.startsWith('{"t":')) return void lines.push(...text.trim().split('\n')), true;
      return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write);
    const config = loadConfig({ KAIHEISEN_LOG_LEVEL: 'debug' });
    const result = await runSimulation({ script: readScript(WHOLE_DAY), scriptFile: WHOLE_DAY, config, onTranscript: () => {} });
    expect(result.failure).toBeUndefined();
    const levels = new Set(lines.map((l) => (JSON.parse(l) as { level: string }).level));
    expect(levels.has('debug') || levels.has('info')).toBe(true);
    expect(lines.length).toBeGreaterThan(10);
    const values = personalValues();
    expect(values.length).toBeGreaterThan(100);
    expect(leaksIn(lines, values)).toEqual([]);
    // The check can fail: the transcript (chat, not logs) does show personal data of the same sample.
    // The logs do follow the orders of the day (by order number), and the search finds a value when it is there.
    expect(lines.some((l) => l.includes('20260327-0033'))).toBe(true);
    expect(leaksIn([`{"msg":"x","who":"${values[0]}"}`], values)).toHaveLength(1);
  }, 120_000);
});
