import { describe, expect, it } from 'vitest';
import { chainPolicy, snapshotChain, type ChartLevel } from '../../../../src/domain/escalation/chain.ts';
import { decideNext, type WaitState } from '../../../../src/domain/escalation/decide-next.ts';

const chart: ChartLevel[] = [
  { position: 2, target: { kind: 'person', personId: 'c01' }, ackTimeoutMinutes: 15 },
  { position: 1, target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 10 },
];
const active = () => true;
const t0 = new Date('2026-03-27T01:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const fresh: WaitState = { round: 0, step: -1, notifiedAt: null, acknowledged: false, closed: false };

describe('snapshotChain', () => {
  it('orders levels and resolves the duty supervisor of the day', () => {
    const snap = snapshotChain(chart, ['w01'], active, 'w02');
    expect(snap.steps).toEqual([
      { level: 0, recipients: ['w01'], ackTimeoutMinutes: 10 },
      { level: 1, recipients: ['c01'], ackTimeoutMinutes: 15 },
    ]);
  });

  it('skips a level with nobody to notify and records why', () => {
    const snap = snapshotChain(chart, [], active, 'w02');
    expect(snap.steps.map((s) => s.recipients)).toEqual([['c01']]);
    expect(snap.skipped).toEqual([{ position: 1, reason: 'noSupervisor' }]);
  });

  it('never sends a supervisor their own doubt', () => {
    const snap = snapshotChain(chart, ['w01', 'w03'], active, 'w01');
    expect(snap.steps[0]?.recipients).toEqual(['w03']);
  });
});

describe('decideNext along a contact chain', () => {
  const snap = chainPolicy(snapshotChain(chart, ['w01'], active));

  it('notifies the first level at once', () => {
    expect(decideNext(fresh, snap, t0)).toEqual({ type: 'notify', round: 1, step: 0, recipients: ['w01'], skipped: [], dueNextAt: at(10) });
  });

  it('waits until exactly the timeout and escalates then, not before', () => {
    const state = { ...fresh, round: 1, step: 0, notifiedAt: t0 };
    expect(decideNext(state, snap, new Date(at(10).getTime() - 1))).toEqual({ type: 'waitUntil', at: at(10) });
    expect(decideNext(state, snap, at(10))).toMatchObject({ type: 'notify', step: 1, recipients: ['c01'] });
  });

  it('stops when acknowledged or closed', () => {
    const state = { ...fresh, round: 1, step: 0, notifiedAt: t0 };
    expect(decideNext({ ...state, acknowledged: true }, snap, at(60))).toEqual({ type: 'stop', reason: 'acknowledged' });
    expect(decideNext({ ...state, closed: true }, snap, at(60))).toEqual({ type: 'stop', reason: 'closed' });
  });

  it('reports an exhausted chain with everyone to remind', () => {
    const state = { ...fresh, round: 1, step: 1, notifiedAt: at(10) };
    expect(decideNext(state, snap, at(25))).toEqual({ type: 'exhausted', recipients: ['w01', 'c01'] });
  });

  it('stops on an empty chain instead of stalling', () => {
    expect(decideNext(fresh, chainPolicy({ steps: [], skipped: [] }), t0)).toEqual({ type: 'stop', reason: 'noSteps' });
  });
});
