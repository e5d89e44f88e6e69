// `npm run bench -- month [--days N] [--orders N] [--seed N]`: the simulated month (src/simulation/month) at table 1's
// March load by default; the last line is its invariants and figures (wall time, peak RSS, slowest ack).
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { runMonth } from '../src/simulation/month/run-month.ts';

const { values } = parseArgs({ options: { days: { type: 'string', default: '31' }, orders: { type: 'string', default: '9654' }, seed: { type: 'string', default: '1' }, start: { type: 'string', default: '2026-03-01' } } });
const result = await runMonth({
  config: loadConfig({ ...process.env, KAIHEISEN_LOG_LEVEL: 'silent' }),
  seed: Number(values.seed),
  start: values.start,
  days: Number(values.days),
  orders: Number(values.orders),
  workers: 20,
  supervisors: 3,
  progress: (line) => console.error(line),
});
for (const i of result.invariants.filter((x) => !x.ok)) console.error(`FAILED ${i.name}: ${i.detail}`);
console.log(JSON.stringify({ month: { ok: result.ok, ...result.figures, failed: result.invariants.filter((i) => !i.ok).map((i) => i.name) } }));
process.exit(result.ok ? 0 : 1);
