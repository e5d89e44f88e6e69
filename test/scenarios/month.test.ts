import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runMonth } from '../../src/simulation/month/run-month.ts';

describe('a simulated month, shortened: 3 days and 60 orders on the assembled console bot', () => {
  it('completes every order once, reports each day and the month (made by the bot’s job on 4/1) as the generator played them', async () => {
    // The month's last days, so the bot's monthly job runs on the next work day. With noise (typos, negations, 訂正,
    // doubts with an escalation, incidents, parking, a night complaint, meter work, pins, overtime).
    const result = await runMonth({ config: loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent' }), seed: 1, start: '2026-03-29', days: 3, orders: 60, workers: 20, supervisors: 3 });
    expect(result.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(result.figures).toMatchObject({ workDays: 3, orders: 60 });
    expect(result.figures.events).toBeGreaterThan(120);
  }, 240_000);
});
