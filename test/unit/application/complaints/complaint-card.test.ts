import { describe, expect, it } from 'vitest';
import { complaintCard } from '../../../../src/application/complaints/complaint-card.ts';
import type { ComplaintRecord, PageRecord } from '../../../../src/domain/complaints/complaint.ts';

const at = (hhmm: string) => new Date(`2026-01-02T${hhmm}:00+09:00`);
const page = (id: number, personId: string, round: number, position: number, outcome: PageRecord['outcome'], sentAt: string): PageRecord =>
  ({ id, personId, round, position, outcome, sentAt: at(sentAt), acknowledgedAt: null }) as PageRecord;
const paging = (pages: PageRecord[]): ComplaintRecord => ({
  id: 1, kind: 'noWater', via: 'chat', receivedAt: at('23:00'), address: '金沢市広坂1丁目1-1', hasCustomerNumber: false, description: '水が出ない',
  order: null, state: 'paging', holderId: null, acknowledgedAt: null, resolvedAt: null, resolvedById: null, findings: null, actionTaken: null,
  pagingNight: '2026-01-02', externalId: null, pages, recipients: ['w01'], pageMessages: [],
});
const ctx = { nameOf: (id: string | null | undefined) => id ?? '', ackTimeoutMinutes: 10 };
const textOf = (c: ComplaintRecord, p: PageRecord) => JSON.stringify(complaintCard(c, { kind: 'page', page: p }, ctx).blocks);

describe('a page message of a complaint still being paged', () => {
  it('says paging went on from it only for the page that timed out last; earlier ones say they were not answered', () => {
    const pages = [page(1, 'w02', 1, 0, 'timed_out', '23:00'), page(2, 'w03', 1, 1, 'timed_out', '23:10'), page(3, 'w02', 2, 0, 'sent', '23:20')];
    const c = paging(pages);
    expect(textOf(c, pages[0]!)).toContain('1巡目の呼び出しには応答がありませんでした');
    expect(textOf(c, pages[1]!)).toContain('1巡目の呼び出しに応答がなかったため、次の当番を呼び出しています');
  });
});
