import { describe, expect, it } from 'vitest';
import type { DoubtRecord, DoubtState } from '../../../../src/domain/doubts/doubt.ts';
import { acknowledge, answer, referToBureau, resolve } from '../../../../src/domain/doubts/doubt-lifecycle.ts';

const NOW = new Date('2026-03-27T01:10:00Z');
const RAISED = new Date('2026-03-27T01:00:00Z');

function doubt(state: DoubtState, over: Partial<DoubtRecord> = {}): DoubtRecord {
  return {
    id: 1, orderNo: '20260327-0001', raisedById: 'w02', text: 'メーターが見当たりません', state,
    chain: { steps: [{ level: 0, recipients: ['w01'], ackTimeoutMinutes: 10 }, { level: 1, recipients: ['c01'], ackTimeoutMinutes: 15 }], skipped: [], bureauContactId: 'c01' },
    currentLevel: 0, levelNotifiedAt: RAISED, holderId: null, answer: null, answeredById: null, raisedAt: RAISED,
    acknowledgedAt: null, resolvedAt: null, resolvedById: null, bureauContactId: null, bureauAcknowledgedAt: null,
    attachmentCount: 0, notified: ['w01'], ...over,
  };
}

describe('a doubt acknowledged (受領)', () => {
  it('is taken by whoever acknowledges it while open', () => {
    expect(acknowledge(doubt('open'), 'w01', NOW)).toEqual({ ok: true, change: { state: 'acknowledged', acknowledgedAt: NOW, holderId: 'w01' }, result: 'supervisor' });
  });

  it('is confirmed once by the bureau contact it was referred to', () => {
    const referred = doubt('with_bureau', { bureauContactId: 'c01', holderId: 'w01' });
    expect(acknowledge(referred, 'c01', NOW)).toEqual({ ok: true, change: { bureauAcknowledgedAt: NOW }, result: 'bureau' });
    expect(acknowledge({ ...referred, bureauAcknowledgedAt: NOW }, 'c01', NOW)).toEqual({ ok: false, refusal: { reason: 'alreadyAcknowledged', by: 'c01' } });
  });

  it('is refused once someone holds it (naming them), and once resolved', () => {
    expect(acknowledge(doubt('acknowledged', { holderId: 'w01' }), 'c01', NOW)).toEqual({ ok: false, refusal: { reason: 'alreadyAcknowledged', by: 'w01' } });
    expect(acknowledge(doubt('resolved'), 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
  });
});

describe('a doubt referred to the bureau (局へ相談)', () => {
  it('goes to the bureau contact of its chart; the referrer holds it if nobody did', () => {
    const out = referToBureau(doubt('open'), 'w01', NOW);
    expect(out).toEqual({ ok: true, change: { state: 'with_bureau', bureauContactId: 'c01', acknowledgedAt: NOW, holderId: 'w01' }, result: 'c01' });
    const held = referToBureau(doubt('acknowledged', { holderId: 'w01', acknowledgedAt: RAISED }), 'w03', NOW);
    expect(held.ok && held.change).toMatchObject({ holderId: 'w01', acknowledgedAt: RAISED });
  });

  it('is refused when already there, answered, resolved, or when the chart names no bureau contact', () => {
    expect(referToBureau(doubt('with_bureau'), 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'alreadyWithBureau' } });
    expect(referToBureau(doubt('answered'), 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'alreadyAnswered' } });
    expect(referToBureau(doubt('resolved'), 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
    const noContact = doubt('open', { chain: { steps: [], skipped: [], bureauContactId: null } });
    expect(referToBureau(noContact, 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'noBureauContact' } });
  });
});

describe('a doubt answered (指示して回答) and resolved (解決)', () => {
  it('records the instruction, who gave it and the event; by the bureau when its contact answers', () => {
    const fromSupervisor = answer(doubt('acknowledged', { holderId: 'w01', acknowledgedAt: RAISED }), 'w01', '閉栓せず戻る', 42, NOW);
    expect(fromSupervisor).toEqual({
      ok: true,
      change: { state: 'answered', answer: '閉栓せず戻る', answeredById: 'w01', answerEventId: 42, acknowledgedAt: RAISED, holderId: 'w01' },
      result: { byBureau: false },
    });
    const fromBureau = answer(doubt('with_bureau', { bureauContactId: 'c01', holderId: 'w01' }), 'c01', '局で対応', null, NOW);
    expect(fromBureau.ok && fromBureau.result).toEqual({ byBureau: true });
  });

  it('may be answered again, and resolved from any state but resolved', () => {
    expect(answer(doubt('answered', { answer: 'a' }), 'w01', 'b', null, NOW).ok).toBe(true);
    for (const state of ['open', 'acknowledged', 'with_bureau', 'answered'] as const) {
      expect(resolve(doubt(state), 'w01', NOW)).toEqual({ ok: true, change: { state: 'resolved', resolvedAt: NOW, resolvedById: 'w01', holderId: 'w01' }, result: undefined });
    }
    expect(resolve(doubt('resolved'), 'w01', NOW)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
    expect(answer(doubt('resolved'), 'w01', 'x', null, NOW)).toEqual({ ok: false, refusal: { reason: 'resolved' } });
  });
});
