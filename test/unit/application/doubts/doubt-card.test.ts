import { describe, expect, it } from 'vitest';
import { doubtCard } from '../../../../src/application/doubts/doubt-card.ts';
import type { DoubtRecord, DoubtState } from '../../../../src/application/doubts/doubt-record.ts';
import type { CaseOrder } from '../../../../src/application/cases/ports.ts';

const raisedAt = new Date('2026-03-27T01:00:00Z');
const order: CaseOrder = {
  orderNo: '20260327-0007',
  kind: 'close',
  meterWork: 'remove',
  diameterMm: 20,
  address: '金沢市広坂1-1-1',
  town: '広坂',
  scheduledDate: '2026-03-27',
  assigneeId: 'w02',
};

function doubt(state: DoubtState, extra: Partial<DoubtRecord> = {}): DoubtRecord {
  return {
    id: 7,
    orderNo: order.orderNo,
    raisedById: 'w02',
    text: 'バルブが回りません',
    state,
    chain: { steps: [{ level: 0, recipients: ['w01'], ackTimeoutMinutes: 10 }, { level: 1, recipients: ['c01'], ackTimeoutMinutes: 15 }], skipped: [], bureauContactId: 'c01' },
    currentLevel: 0,
    levelNotifiedAt: raisedAt,
    holderId: 'w01',
    answer: null,
    answeredById: null,
    raisedAt,
    acknowledgedAt: null,
    resolvedAt: null,
    resolvedById: null,
    bureauContactId: null,
    bureauAcknowledgedAt: null,
    attachmentCount: 0,
    notified: ['w01'],
    ...extra,
  };
}

const ctx = { nameOf: (id: string | null | undefined) => id ?? 'なし', order };
const labels = (d: DoubtRecord, viewer: string) =>
  doubtCard(d, viewer, ctx).blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.label) : []));
const text = (d: DoubtRecord, viewer: string) => JSON.stringify(doubtCard(d, viewer, ctx));

describe('doubt card', () => {
  it('offers the actions the state allows, none to the raiser and none once resolved', () => {
    expect(labels(doubt('open'), 'w01')).toEqual(['受領', '指示して回答', '局へ相談', '解決']);
    expect(labels(doubt('acknowledged'), 'w01')).toEqual(['指示して回答', '局へ相談', '解決']);
    expect(labels(doubt('with_bureau', { bureauContactId: 'c01' }), 'c01')).toEqual(['受領', '指示して回答', '解決']);
    expect(labels(doubt('with_bureau', { bureauContactId: 'c01', bureauAcknowledgedAt: raisedAt }), 'c01')).toEqual(['指示して回答', '解決']);
    expect(labels(doubt('answered'), 'w01')).toEqual(['指示して回答', '解決']);
    expect(labels(doubt('resolved'), 'w01')).toEqual([]);
    expect(labels(doubt('open'), 'w02')).toEqual([]);
  });

  it('has no 局へ相談 when the chain names no bureau contact', () => {
    const d = doubt('open');
    expect(labels({ ...d, chain: { ...d.chain, bureauContactId: null } }, 'w01')).not.toContain('局へ相談');
  });

  it('shows the address to the assignee only, the town to others, and when the next level is called', () => {
    expect(text(doubt('open'), 'w02')).toContain('金沢市広坂1-1-1');
    expect(text(doubt('open'), 'w01')).not.toContain('金沢市広坂1-1-1');
    expect(text(doubt('open'), 'w01')).toContain('広坂');
    expect(text(doubt('open'), 'w01')).toContain('閉栓 (メーター引上 φ20)');
    expect(text(doubt('open'), 'w01')).toContain('10:10 までに受領がなければ');
    expect(text(doubt('acknowledged'), 'w01')).not.toContain('までに受領がなければ');
  });

  it('is keyed by the doubt, so every send updates the same message', () => {
    expect(doubtCard(doubt('open'), 'w01', ctx).key).toBe('doubt:7');
    expect(doubtCard(doubt('resolved'), 'w02', ctx).key).toBe('doubt:7');
  });
});
