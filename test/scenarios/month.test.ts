import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runMonth } from '../../src/simulation/month/run-month.ts';

describe('a simulated month, shortened: 3 days and 60 orders on the assembled console bot', () => {
  it('completes every order once, reports each day and the month as the generator played them', async () => {
    const result = await runMonth({ config: loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent' }), seed: 1, start: '2026-03-25', days: 3, orders: 60, workers: 20, supervisors: 3 });
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(result.figures).toMatchObject({ workDays: 3, orders: 60 });
    expect(result.figures.events).toBeGreaterThan(120);
  }, 240_000);
});
