import { describe, expect, it } from 'vitest';
import { covers, decideOvertime, hadOvertimePast, overtimeRunning, type OvertimeRecord } from '../../../../src/domain/overtime/overtime.ts';

const ASKED = new Date('2026-03-27T07:30:00Z'); // 16:30 in Tokyo
const DECIDED = new Date('2026-03-27T07:40:00Z');

const request = (over: Partial<OvertimeRecord> = {}): OvertimeRecord => ({
  id: 2, date: '2026-03-27', requestedById: 'w01', orderNos: ['20260327-0001'], reason: '不在再訪', until: '18:30',
  state: 'pending', decidedById: null, decidedAt: null, createdAt: ASKED, notified: ['c01'], ...over,
});

describe('an after-hours request (時間外作業の了承)', () => {
  it('is decided once by the bureau, approved or declined', () => {
    expect(decideOvertime(request(), 'c01', true, DECIDED)).toEqual({ ok: true, change: { state: 'approved', decidedById: 'c01', decidedAt: DECIDED } });
    expect(decideOvertime(request(), 'c01', false, DECIDED)).toEqual({ ok: true, change: { state: 'declined', decidedById: 'c01', decidedAt: DECIDED } });
    const decided = request({ state: 'approved', decidedById: 'c01', decidedAt: DECIDED });
    expect(decideOvertime(decided, 'c02', false, DECIDED)).toEqual({ ok: false, refusal: { reason: 'alreadyDecided', by: 'c01', state: 'approved' } });
  });

  it('covers its orders from the end of business hours until its time, once approved before the work', () => {
    const approved = request({ state: 'approved', decidedById: 'c01', decidedAt: DECIDED });
    const at = (hhmm: string) => new Date(`2026-03-27T${hhmm}:00+09:00`);
    expect(covers(approved, '20260327-0001', at('18:00'), '17:15', true)).toBe(true);
    expect(covers(approved, '20260327-0001', at('18:31'), '17:15', true)).toBe(false);
    expect(covers(approved, '20260327-0002', at('18:00'), '17:15', true)).toBe(false);
    expect(covers(request(), '20260327-0001', at('18:00'), '17:15', true)).toBe(false);
    expect(covers({ ...approved, decidedAt: at('18:10') }, '20260327-0001', at('18:00'), '17:15', true)).toBe(false);
  });

  it('holds its orders at the end of the day while approved or pending and before its time; the latest time ends the day', () => {
    const at = (hhmm: string) => new Date(`2026-03-27T${hhmm}:00+09:00`);
    const approved = request({ state: 'approved', decidedById: 'c01', decidedAt: DECIDED, until: '19:00' });
    const pending = request({ id: 3, orderNos: ['20260327-0002'], until: '18:30' });
    const declined = request({ id: 4, orderNos: ['20260327-0003'], until: '20:00', state: 'declined' });
    expect(overtimeRunning([approved, pending, declined], '2026-03-27', at('17:45'))).toEqual({ orderNos: ['20260327-0001', '20260327-0002'], endsAt: at('19:00') });
    expect(overtimeRunning([approved, pending], '2026-03-27', at('18:30'))).toEqual({ orderNos: ['20260327-0001'], endsAt: at('19:00') });
    expect(overtimeRunning([approved, pending], '2026-03-27', at('19:00'))).toBeNull();
    expect(overtimeRunning([declined], '2026-03-27', at('17:45'))).toBeNull();
    expect(overtimeRunning([approved], '2026-03-28', at('17:45'))).toBeNull();
    expect(hadOvertimePast([declined], '2026-03-27', '17:45')).toBe(true);
    expect(hadOvertimePast([request({ until: '17:30' })], '2026-03-27', '17:45')).toBe(false);
  });
});
