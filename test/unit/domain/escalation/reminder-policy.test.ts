import { describe, expect, it } from 'vitest';
import { nextReminder } from '../../../../src/domain/escalation/reminder-policy.ts';

const NOW = new Date('2026-03-27T03:00:00Z');
const in10 = new Date(NOW.getTime() + 10 * 60_000);

describe('a reminder round', () => {
  it('reminds whoever the case waits for and sets the next round', () => {
    expect(nextReminder({ everyMs: 600_000, maxRounds: 3 }, 1, ['w01', 'c01'], NOW)).toEqual({ type: 'remind', to: ['w01', 'c01'], nextAt: in10, last: false });
  });

  it('is the last at the limit, and there is no limit without maxRounds', () => {
    expect(nextReminder({ everyMs: 600_000, maxRounds: 3 }, 3, ['w01'], NOW)).toEqual({ type: 'remind', to: ['w01'], nextAt: null, last: true });
    expect(nextReminder({ everyMs: 600_000 }, 40, ['c01'], NOW)).toMatchObject({ type: 'remind', last: false, nextAt: in10 });
  });

  it('stops once nothing is waited for, and expires at the end of the wait (before reminding anyone)', () => {
    expect(nextReminder({ everyMs: 600_000 }, 1, null, NOW)).toEqual({ type: 'stop' });
    expect(nextReminder({ everyMs: 600_000, until: NOW }, 2, ['c01'], NOW)).toEqual({ type: 'expired' });
    expect(nextReminder({ everyMs: 600_000, until: in10 }, 2, [], NOW)).toEqual({ type: 'remind', to: [], nextAt: in10, last: false });
  });
});
