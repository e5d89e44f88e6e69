import { describe, expect, it } from 'vitest';
import { planIdentities } from '../../../../src/domain/staffing/identity-sync.ts';
import { person } from './people.ts';

describe('chat identity sync', () => {
  it('adds new identities and removes replaced ones of people in the file', () => {
    const plan = planIdentities([person('w01', { chat: { slack: 'UOLD', console: 'w01' } })], [person('w01', { chat: { slack: 'UNEW', console: 'w01' } })]);
    expect(plan.remove).toEqual([{ platform: 'slack', personId: 'w01', externalId: 'UOLD' }]);
    expect(plan.add).toEqual([{ platform: 'slack', personId: 'w01', externalId: 'UNEW' }]);
  });

  it('keeps identities of people missing from the file unless someone else takes the account', () => {
    const current = [person('w01', { chat: { slack: 'U1' } }), person('w02', { chat: { slack: 'U2', console: 'w02' } })];
    const plan = planIdentities(current, [person('w01', { chat: { slack: 'U1' } }), person('w07', { chat: { slack: 'U2' } })]);
    expect(plan.remove).toEqual([{ platform: 'slack', personId: 'w02', externalId: 'U2' }]);
    expect(plan.add).toEqual([{ platform: 'slack', personId: 'w07', externalId: 'U2' }]);
  });

  it('changes nothing when the file matches', () => {
    const people = [person('w01', { chat: { slack: 'U1', console: 'w01' } })];
    expect(planIdentities(people, people)).toEqual({ remove: [], add: [] });
  });
});
