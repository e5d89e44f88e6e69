import { describe, expect, it } from 'vitest';
import { decideNextPage, nextReachable, type PagingState } from '../../../../src/domain/escalation/paging.ts';

const t0 = new Date('2026-01-02T14:10:00Z'); // 23:10 on 1/2 in Tokyo
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const start: PagingState = { round: 0, position: 0, lastPagedAt: null, acknowledged: false, resolved: false };
const everyone = () => true;
const policy = { ackTimeoutMinutes: 5 };

describe('decideNextPage', () => {
  it('pages the roster in order and loops into the next round', () => {
    const roster = ['w02', 'w03'];
    const first = decideNextPage(start, roster, everyone, policy, t0);
    expect(first).toMatchObject({ type: 'page', round: 1, position: 0, personId: 'w02', dueNextAt: at(5) });
    const second = decideNextPage({ ...start, round: 1, position: 0, lastPagedAt: t0 }, roster, everyone, policy, at(5));
    expect(second).toMatchObject({ type: 'page', round: 1, position: 1, personId: 'w03' });
    const third = decideNextPage({ ...start, round: 1, position: 1, lastPagedAt: at(5) }, roster, everyone, policy, at(10));
    expect(third).toMatchObject({ type: 'page', round: 2, position: 0, personId: 'w02' });
  });

  it('waits for the acknowledgement timeout', () => {
    const state = { ...start, round: 1, position: 0, lastPagedAt: t0 };
    expect(decideNextPage(state, ['w02', 'w03'], everyone, policy, at(4))).toEqual({ type: 'waitUntil', at: at(5) });
  });

  it('stops at once when acknowledged or resolved', () => {
    const state = { ...start, round: 1, position: 0, lastPagedAt: t0 };
    expect(decideNextPage({ ...state, acknowledged: true }, ['w02'], everyone, policy, at(99))).toEqual({ type: 'stop', reason: 'acknowledged' });
    expect(decideNextPage({ ...state, resolved: true }, ['w02'], everyone, policy, at(99))).toEqual({ type: 'stop', reason: 'resolved' });
  });

  it('skips an unreachable member and says whom it skipped', () => {
    const reachable = (p: string) => p !== 'w02';
    expect(decideNextPage(start, ['w02', 'w03'], reachable, policy, t0)).toMatchObject({
      type: 'page',
      personId: 'w03',
      skipped: ['w02'],
    });
  });

  it('says so when nobody on the roster is reachable', () => {
    expect(decideNextPage(start, ['w02', 'w03'], () => false, policy, t0)).toEqual({ type: 'nobodyReachable' });
    expect(nextReachable(start, [], everyone)).toBeUndefined();
  });
});
