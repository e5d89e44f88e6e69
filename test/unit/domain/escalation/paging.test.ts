import { describe, expect, it } from 'vitest';
import { decideNext, type WaitState } from '../../../../src/domain/escalation/decide-next.ts';
import { rosterPolicy } from '../../../../src/domain/escalation/paging.ts';

const t0 = new Date('2026-01-02T14:10:00Z'); // 23:10 on 1/2 in Tokyo
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const start: WaitState = { round: 0, step: -1, notifiedAt: null, acknowledged: false, closed: false };
const everyone = () => true;
const roster = (...people: string[]) => rosterPolicy(people, 5);

describe('decideNext paging the after-hours roster', () => {
  it('pages the roster in order and loops into the next round', () => {
    const first = decideNext(start, roster('w02', 'w03'), t0, everyone);
    expect(first).toMatchObject({ type: 'notify', round: 1, step: 0, recipients: ['w02'], dueNextAt: at(5) });
    const second = decideNext({ ...start, round: 1, step: 0, notifiedAt: t0 }, roster('w02', 'w03'), at(5), everyone);
    expect(second).toMatchObject({ type: 'notify', round: 1, step: 1, recipients: ['w03'] });
    const third = decideNext({ ...start, round: 1, step: 1, notifiedAt: at(5) }, roster('w02', 'w03'), at(10), everyone);
    expect(third).toMatchObject({ type: 'notify', round: 2, step: 0, recipients: ['w02'] });
  });

  it('waits for the acknowledgement timeout', () => {
    const state = { ...start, round: 1, step: 0, notifiedAt: t0 };
    expect(decideNext(state, roster('w02', 'w03'), at(4), everyone)).toEqual({ type: 'waitUntil', at: at(5) });
  });

  it('stops at once when acknowledged or resolved', () => {
    const state = { ...start, round: 1, step: 0, notifiedAt: t0 };
    expect(decideNext({ ...state, acknowledged: true }, roster('w02'), at(99), everyone)).toEqual({ type: 'stop', reason: 'acknowledged' });
    expect(decideNext({ ...state, closed: true }, roster('w02'), at(99), everyone)).toEqual({ type: 'stop', reason: 'closed' });
  });

  it('skips an unreachable member and says whom it skipped, in which slot', () => {
    const reachable = (p: string) => p !== 'w02';
    expect(decideNext(start, roster('w02', 'w03'), t0, reachable)).toMatchObject({
      type: 'notify',
      recipients: ['w03'],
      skipped: [{ round: 1, step: 0, recipients: ['w02'] }],
    });
    const wrapping = decideNext({ ...start, round: 1, step: 1, notifiedAt: t0 }, roster('w02', 'w03', 'w04'), at(5), (p) => p === 'w03');
    expect(wrapping).toMatchObject({ round: 2, step: 1, skipped: [{ round: 1, step: 2 }, { round: 2, step: 0 }] });
  });

  it('says so when nobody on the roster is reachable', () => {
    expect(decideNext(start, roster('w02', 'w03'), t0, () => false)).toEqual({ type: 'nobodyReachable' });
    expect(decideNext(start, roster(), t0, everyone)).toEqual({ type: 'nobodyReachable' });
  });
});

describe('decideNext with a bounded repeat', () => {
  it('schedules no timeout after the last step of the last round, and never goes past it', () => {
    const policy = { ...rosterPolicy(['w02', 'w03'], 5), maxRounds: 2 };
    expect(decideNext({ ...start, round: 2, step: 0 }, policy, t0)).toMatchObject({ type: 'notify', round: 2, step: 1, dueNextAt: null });
    expect(decideNext({ ...start, round: 2, step: 1 }, policy, t0)).toMatchObject({ type: 'exhausted' });
  });
});
