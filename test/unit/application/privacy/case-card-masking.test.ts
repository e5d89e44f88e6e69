import { describe, expect, it } from 'vitest';
import type { CaseOrder } from '../../../../src/application/cases/ports.ts';
import { complaintCard, type CardViewer } from '../../../../src/application/complaints/complaint-card.ts';
import { doubtCard } from '../../../../src/application/doubts/doubt-card.ts';
import type { DoubtRecord } from '../../../../src/application/doubts/doubt-record.ts';
import { incidentCard } from '../../../../src/application/incidents/incident-card.ts';
import { overtimeCard } from '../../../../src/application/overtime/overtime-card.ts';
import type { ComplaintRecord } from '../../../../src/domain/complaints/complaint.ts';
import type { IncidentRecord } from '../../../../src/domain/incidents/incident.ts';
import type { OvertimeRecord } from '../../../../src/domain/overtime/overtime.ts';
import { ASSIGNEE_CONTACT_POLICY } from '../../../../src/domain/privacy/chat-policy.ts';

/** Personal data typed into a case's free text is masked on its card, per viewer, under the chat privacy policy. */
const PHONE = '090-1234-5678';
const NUMBER = '3503055453';
const customers = [{ customerName: '架空 花子', customerNumber: NUMBER }];
const at = new Date('2026-03-27T01:00:00Z');
const order: CaseOrder = {
  orderNo: '20260327-0007', kind: 'close', meterWork: null, diameterMm: null, address: '金沢市広坂1-1-1', town: '広坂',
  scheduledDate: '2026-03-27', assigneeId: 'w02',
};
const nameOf = (id: string | null | undefined) => id ?? 'なし';
const json = (v: unknown) => JSON.stringify(v);
const expectNoPersonal = (s: string) => {
  for (const personal of [PHONE, '架空花子', '架空 花子', NUMBER]) expect(s).not.toContain(personal);
};

describe('doubt card', () => {
  const doubt: DoubtRecord = {
    id: 7, orderNo: order.orderNo, raisedById: 'w02', text: `架空花子様 ${PHONE} から電話、お客さま番号 ${NUMBER}`, state: 'answered',
    chain: { steps: [{ level: 0, recipients: ['w01'], ackTimeoutMinutes: 10 }], skipped: [], bureauContactId: null }, currentLevel: 0,
    levelNotifiedAt: at, holderId: 'w01', answer: `${PHONE} に折り返してください`, answeredById: 'w01', raisedAt: at, acknowledgedAt: at,
    resolvedAt: null, resolvedById: null, bureauContactId: null, bureauAcknowledgedAt: null, attachmentCount: 0, notified: ['w01'],
  };

  it('masks the text and the answer for everyone under the default policy, the summary too', () => {
    for (const viewer of ['w01', 'w02', 'c01']) {
      const card = doubtCard(doubt, viewer, { nameOf, order, customers });
      expectNoPersonal(json(card));
      expect(json(card)).toContain('[氏名]様 [電話番号] から電話、お客さま番号 [お客さま番号]');
      expect(json(card)).toContain('[電話番号] に折り返してください');
      expect(card.summary).toContain('[氏名]様 [電話番号]');
    }
  });

  it('shows the name and phone to the raiser (the assignee) when the policy lets the assignee see them, not to others', () => {
    const ctx = { nameOf, order, customers, privacy: ASSIGNEE_CONTACT_POLICY };
    expect(json(doubtCard(doubt, 'w02', ctx))).toContain(`架空花子様 ${PHONE} から電話、お客さま番号 [お客さま番号]`);
    expect(json(doubtCard(doubt, 'w01', ctx))).toContain('[氏名]様 [電話番号] から電話');
    // The supervisor wrote the answer: it reaches them as its writer, others as others.
    expect(json(doubtCard(doubt, 'w01', ctx))).toContain(`${PHONE} に折り返してください`);
    expect(json(doubtCard(doubt, 'c01', ctx))).toContain('[電話番号] に折り返してください');
  });

  it('masks phone and customer-number patterns even when the order is not known', () => {
    const card = json(doubtCard({ ...doubt, orderNo: null }, 'w01', { nameOf, order: undefined }));
    expect(card).toContain('架空花子様 [電話番号]'); // a name is only found for a known customer
    expect(card).not.toContain(PHONE);
    expect(card).not.toContain(NUMBER);
  });
});

describe('incident card', () => {
  const incident: IncidentRecord = {
    id: 3, reportedById: 'w02', orderNo: order.orderNo, description: `架空 花子さん宅前で車両接触 ０９０ー１２３４ー５６７８`, place: `架空花子様宅 ${PHONE}`,
    thirdPartyDamage: true, state: 'resolved', occurredAt: at, resolvedAt: at, resolvedById: 'w01', resolution: `${PHONE} に謝罪済み`,
    acks: [{ personId: 'w01', notifiedAt: at, acknowledgedAt: at }], attachmentCount: 0,
  };

  it('masks the description, the place and the resolution on every card and in the summary', () => {
    for (const viewer of ['w01', 'w02', 'x09']) {
      const card = incidentCard(incident, viewer, { nameOf, order, customers });
      expectNoPersonal(json(card));
      expect(json(card)).not.toContain('０９０ー１２３４ー５６７８');
      expect(json(card)).toContain('[氏名]さん宅前で車両接触 [電話番号]');
      expect(json(card)).toContain('[氏名]様宅 [電話番号]');
      expect(json(card)).toContain('[電話番号] に謝罪済み');
      expect(card.summary).toContain('[氏名]さん宅前');
    }
  });

  it('lets the reporter see what the policy allows the assignee, and nobody else', () => {
    const ctx = { nameOf, order, customers, privacy: ASSIGNEE_CONTACT_POLICY };
    expect(json(incidentCard(incident, 'w02', ctx))).toContain('架空 花子さん宅前で車両接触 ０９０ー１２３４ー５６７８');
    expectNoPersonal(json(incidentCard(incident, 'x09', ctx)));
  });
});

describe('complaint card', () => {
  const complaint: ComplaintRecord = {
    id: 1, kind: 'noWater', via: 'chat', receivedAt: at, address: '金沢市広坂1丁目1-1', hasCustomerNumber: true,
    description: `架空花子様より入電 ${PHONE} 水が出ない`, order: { id: 9, orderNo: order.orderNo, scheduledDate: '2026-03-27', address: order.address, town: '広坂', workerId: 'w02' },
    state: 'resolved', holderId: 'w02', acknowledgedAt: at, resolvedAt: at, resolvedById: 'w02', findings: `お客さま番号${NUMBER}の止水栓が閉`,
    actionTaken: `開栓し架空 花子様へ ${PHONE} で連絡`, pagingNight: null, externalId: null, pages: [], recipients: ['w01', 'w02'], pageMessages: [],
  };
  const ctx = { nameOf, ackTimeoutMinutes: 10, customers };

  it('masks the description, findings and action taken for the channel, the responder and other watchers', () => {
    const viewers: CardViewer[] = [{ kind: 'channel' }, { kind: 'person', personId: 'w02' }, { kind: 'person', personId: 'w01' }];
    for (const viewer of viewers) {
      const card = json(complaintCard(complaint, viewer, ctx));
      expectNoPersonal(card);
      expect(card).toContain('[氏名]様より入電 [電話番号] 水が出ない');
      expect(card).toContain('お客さま番号[お客さま番号]の止水栓が閉');
      expect(card).toContain('開栓し[氏名]様へ [電話番号] で連絡');
    }
  });

  it('shows the phone to the responder only when the policy allows it, never to the channel', () => {
    const open = { ...ctx, privacy: ASSIGNEE_CONTACT_POLICY };
    expect(json(complaintCard(complaint, { kind: 'person', personId: 'w02' }, open))).toContain(`架空花子様より入電 ${PHONE}`);
    expectNoPersonal(json(complaintCard(complaint, { kind: 'channel' }, open)));
    expectNoPersonal(json(complaintCard(complaint, { kind: 'person', personId: 'w01' }, open)));
  });
});

describe('overtime card', () => {
  const request: OvertimeRecord = {
    id: 4, date: '2026-03-27', requestedById: 'w01', orderNos: [order.orderNo], reason: `架空花子様 (${PHONE}) が18時以降しか在宅しない`,
    until: '19:00', state: 'pending', decidedById: null, decidedAt: null, createdAt: at, notified: ['c01'],
  };

  it('masks the reason for the bureau and for the supervisor who wrote it', () => {
    const ctx = { nameOf, orders: new Map([[order.orderNo, order]]), customers };
    for (const viewer of ['c01', 'w01']) {
      const card = json(overtimeCard(request, viewer, ctx));
      expectNoPersonal(card);
      expect(card).toContain('[氏名]様 ([電話番号]) が18時以降しか在宅しない');
    }
    expect(json(overtimeCard(request, 'w01', { ...ctx, privacy: ASSIGNEE_CONTACT_POLICY }))).toContain(`架空花子様 (${PHONE})`);
    expectNoPersonal(json(overtimeCard(request, 'c01', { ...ctx, privacy: ASSIGNEE_CONTACT_POLICY })));
  });
});
