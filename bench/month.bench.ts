// `npm run bench -- month [--days N] [--orders N] [--seed N]`: the simulated month (src/simulation/month) at table 1's
// March load by default; the last line is its invariants and figures (wall time, peak RSS, slowest ack) and
// `ratio`, the slowest ack against the 3 s budget.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { runMonth } from '../src/simulation/month/run-month.ts';

const ACK_BUDGET_MS = 3000;
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
// The floor is the budget for an answer (no ack over 3 s): ratio = slowest ack ÷ 3,000 ms, at most 1 to pass.
const ratio = Math.round((result.figures.maxAckMs / ACK_BUDGET_MS) * 1000) / 1000;
const failed = result.invariants.filter((i) => !i.ok).map((i) => i.name);
console.log(JSON.stringify({ month: { ok: result.ok, ...result.figures, failed }, floor: 'ack budget 3,000 ms', ratio }));
process.exit(result.ok ? 0 : 1);
