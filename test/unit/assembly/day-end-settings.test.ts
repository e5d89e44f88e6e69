import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { dayEndSettingsOf } from '../../../src/assembly/services/day-end.ts';

describe('dayEndSettingsOf', () => {
  const config = loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent' });

  it('defaults to the prompt at 17:15 and a reminder every 30 minutes, three at most', () => {
    expect(dayEndSettingsOf(config)).toEqual({ promptAt: '17:15', remindMinutes: 30, maxReminders: 3 });
  });

  it('takes DAY_END_PROMPT_TIME and DAILY_REPORT_REMIND_MINUTES, and explicit options over both', () => {
    const configured = loadConfig({ DAY_END_PROMPT_TIME: '17:00', DAILY_REPORT_REMIND_MINUTES: '45' });
    expect(dayEndSettingsOf(configured)).toEqual({ promptAt: '17:00', remindMinutes: 45, maxReminders: 3 });
    expect(dayEndSettingsOf(configured, { promptAt: '16:50' }).promptAt).toBe('16:50');
  });
});

describe('day-end settings validation', () => {
  it('refuses a malformed time with a clear message', () => {
    expect(() => loadConfig({ DAY_END_PROMPT_TIME: '25:00' })).toThrow(/DAY_END_PROMPT_TIME/);
  });
});
