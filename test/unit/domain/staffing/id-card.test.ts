import { describe, expect, it } from 'vitest';
import { daysBetween, idCardStatus, needsAttention } from '../../../../src/domain/staffing/id-card.ts';

const card = (expiresOn: string, returnedOn: string | null = null) => ({ number: 'KS-1', expiresOn, returnedOn });

describe('ID card status (spec 9)', () => {
  it('counts days between calendar dates', () => {
    expect(daysBetween('2026-03-27', '2026-04-26')).toBe(30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-03-27', '2026-03-26')).toBe(-1);
  });

  it('warns from 30 days before expiry, including the last day', () => {
    expect(idCardStatus(card('2026-04-27'), true, '2026-03-27')).toEqual({ state: 'ok', daysLeft: 31 });
    expect(idCardStatus(card('2026-04-26'), true, '2026-03-27')).toEqual({ state: 'expiringSoon', daysLeft: 30 });
    expect(idCardStatus(card('2026-03-27'), true, '2026-03-27')).toEqual({ state: 'expiringSoon', daysLeft: 0 });
  });

  it('asks for the card back once expired, or when the holder no longer works', () => {
    expect(idCardStatus(card('2026-03-26'), true, '2026-03-27').state).toBe('expired');
    expect(idCardStatus(card('2027-03-31'), false, '2026-03-27').state).toBe('mustReturn');
    expect(idCardStatus(card('2026-03-26', '2026-03-26'), false, '2026-03-27').state).toBe('returned');
    expect(idCardStatus(null, true, '2026-03-27')).toEqual({ state: 'none', daysLeft: null });
  });

  it('flags only the states that need someone to act', () => {
    const states = ['2026-04-26', '2026-03-26', '2027-03-31'].map((d) => needsAttention(idCardStatus(card(d), true, '2026-03-27')));
    expect(states).toEqual([true, true, false]);
    expect(needsAttention(idCardStatus(card('2027-03-31'), false, '2026-03-27'))).toBe(true);
  });
});
