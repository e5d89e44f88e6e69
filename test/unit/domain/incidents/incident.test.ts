import { describe, expect, it } from 'vitest';
import { acknowledgeIncident, missingAcks, resolveIncident, type IncidentRecord } from '../../../../src/domain/incidents/incident.ts';

const AT = new Date('2026-03-27T02:00:00Z');
const NOW = new Date('2026-03-27T02:05:00Z');

const incident = (over: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: 4, reportedById: 'w02', orderNo: null, description: '車両接触', place: '片町', thirdPartyDamage: true, state: 'open',
  occurredAt: AT, resolvedAt: null, resolvedById: null, resolution: null, attachmentCount: 0,
  acks: [{ personId: 'w01', notifiedAt: AT, acknowledgedAt: null }, { personId: 'c01', notifiedAt: AT, acknowledgedAt: null }],
  ...over,
});

describe('an incident', () => {
  it('is acknowledged by each person notified, the last one stopping the reminders', () => {
    expect(acknowledgeIncident(incident(), 'w01', NOW)).toEqual({ ok: true, change: { acknowledge: { personId: 'w01', at: NOW } }, last: false });
    const one = incident({ acks: [{ personId: 'w01', notifiedAt: AT, acknowledgedAt: NOW }, { personId: 'c01', notifiedAt: AT, acknowledgedAt: null }] });
    expect(missingAcks(one)).toEqual(['c01']);
    expect(acknowledgeIncident(one, 'c01', NOW)).toMatchObject({ ok: true, last: true });
  });

  it('refuses an acknowledgement from someone not notified, or given twice (with its time)', () => {
    expect(acknowledgeIncident(incident(), 'w03', NOW)).toEqual({ ok: false, refusal: { reason: 'notNotified' } });
    const acked = incident({ acks: [{ personId: 'w01', notifiedAt: AT, acknowledgedAt: AT }] });
    expect(acknowledgeIncident(acked, 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'alreadyAcknowledged', at: AT } });
  });

  it('is resolved once, with what was done', () => {
    expect(resolveIncident(incident(), 'w01', '警察に届出済み', NOW)).toEqual({
      ok: true,
      change: { state: 'resolved', resolvedAt: NOW, resolvedById: 'w01', resolution: '警察に届出済み' },
    });
    expect(resolveIncident(incident({ state: 'resolved' }), 'w01', 'x', NOW)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
  });
});
