import { describe, expect, it } from 'vitest';
import type { ComplaintRecord, PageRecord } from '../../../../src/domain/complaints/complaint.ts';
import { acknowledgeComplaint, resolutionRefusal, resolveComplaint } from '../../../../src/domain/complaints/complaint-lifecycle.ts';

const AT = new Date('2026-03-27T14:10:00Z');
const NOW = new Date('2026-03-27T14:20:00Z');
const page = (id: number, personId: string, outcome: PageRecord['outcome']): PageRecord => ({ id, personId, round: 1, position: id - 1, sentAt: AT, outcome, acknowledgedAt: null });

const complaint = (over: Partial<ComplaintRecord> = {}): ComplaintRecord => ({
  id: 9, kind: 'noWater', via: 'chat', receivedAt: AT, address: null, hasCustomerNumber: false, description: '水が出ない', order: null,
  state: 'paging', holderId: null, acknowledgedAt: null, resolvedAt: null, resolvedById: null, findings: null, actionTaken: null,
  pagingNight: '2026-03-27', externalId: null, pages: [page(1, 'w02', 'timed_out'), page(2, 'w03', 'sent')], recipients: [], pageMessages: [],
  ...over,
});

describe('a complaint acknowledged (対応します)', () => {
  it('is held by whoever takes it; their page counts, every other one still ringing stops', () => {
    const c = complaint({ pages: [page(1, 'w02', 'sent'), page(2, 'w03', 'sending'), page(3, 'w04', 'timed_out')] });
    expect(acknowledgeComplaint(c, 'w03', NOW)).toEqual({
      ok: true,
      change: { state: 'acknowledged', holderId: 'w03', acknowledgedAt: NOW },
      pages: [{ pageId: 1, outcome: 'cancelled' }, { pageId: 2, outcome: 'acknowledged', acknowledgedAt: NOW }],
    });
  });

  it('is unchanged when taken again by its holder, refused (naming the holder) to anyone else, and once resolved', () => {
    const held = complaint({ state: 'acknowledged', holderId: 'w02' });
    expect(acknowledgeComplaint(held, 'w02', NOW)).toEqual({ ok: true, unchanged: true });
    expect(acknowledgeComplaint(held, 'w03', NOW)).toEqual({ ok: false, refusal: { reason: 'taken', by: 'w02' } });
    expect(acknowledgeComplaint(complaint({ state: 'resolved' }), 'w02', NOW)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
  });
});

describe('a complaint resolved (解決報告)', () => {
  const report = { findings: '元栓閉', actionTaken: '開栓した', resolvedAt: NOW };

  it('records the report; the reporter holds it if nobody did; pages still ringing stop', () => {
    expect(resolveComplaint(complaint(), 'w03', report)).toEqual({
      ok: true,
      change: { state: 'resolved', ...report, resolvedById: 'w03', holderId: 'w03' },
      pages: [{ pageId: 2, outcome: 'cancelled' }],
    });
  });

  it('is refused once resolved, before its report is read', () => {
    expect(resolutionRefusal(complaint({ state: 'resolved' }))).toEqual({ reason: 'resolved' });
    expect(resolutionRefusal(complaint())).toBeNull();
    expect(resolveComplaint(complaint({ state: 'resolved' }), 'w03', report)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
  });
});
