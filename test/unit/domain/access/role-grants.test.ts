import { describe, expect, it } from 'vitest';
import { roleChangesOf } from '../../../../src/domain/access/role-grants.ts';
import { planPeople } from '../../../../src/domain/staffing/staff-directory.ts';
import type { StaffPerson } from '../../../../src/domain/staffing/staff-person.ts';
import { person } from '../staffing/people.ts';

/** Stored: an admin, a supervisor, the bureau, a worker and a supervisor who left. */
const stored: StaffPerson[] = [
  person('a01', { isAdmin: true }),
  person('s01', { canSupervise: true }),
  person('c01', { affiliation: 'bureau' }),
  person('w01'),
  person('s02', { canSupervise: true, active: false }),
];

/** The file: the stored people with `change` applied to some (a person left out is missing from the file). */
function changesOf(edit: (people: StaffPerson[]) => StaffPerson[]) {
  const current = stored.map((p) => ({ ...p }));
  return roleChangesOf(planPeople(stored, edit(current)))
    .map((c) => `${c.id}:${c.fields.join(',')}`)
    .sort();
}
const set = (id: string, over: Partial<StaffPerson>) => (people: StaffPerson[]) => people.map((p) => (p.id === id ? { ...p, ...over } : p));

describe('roleChangesOf: what of a staff-file load only an admin may do', () => {
  it('a role or identity field, on anyone', () => {
    expect(changesOf(set('c01', { isAdmin: true }))).toEqual(['c01:isAdmin']);
    expect(changesOf(set('w01', { canSupervise: true, phone: '090-1111-2222' }))).toEqual(['w01:canSupervise']);
    expect(changesOf(set('w01', { osUser: 'kw01' }))).toEqual(['w01:osUser']);
    expect(changesOf(set('c01', { affiliation: 'contractor' }))).toEqual(['c01:affiliation']);
    expect(changesOf(set('s01', { isSecurityOfficer: true }))).toEqual(['s01:isSecurityOfficer']);
  });

  it('a person added with a role or an OS account; a plain worker may be added', () => {
    expect(changesOf((p) => [...p, person('a02', { isAdmin: true })])).toEqual(['a02:isAdmin']);
    expect(changesOf((p) => [...p, person('c02', { affiliation: 'bureau', osUser: 'kc02' })])).toEqual(['c02:affiliation,osUser']);
    expect(changesOf((p) => [...p, person('w09')])).toEqual([]);
  });

  it('the chat ids of someone holding a role (acting as them in chat is holding it); a worker\'s are the bureau\'s', () => {
    expect(changesOf(set('a01', { chat: { console: 'c01' } }))).toEqual(['a01:chat']);
    expect(changesOf(set('s01', { chat: { slack: 'U0123ABCD' } }))).toEqual(['s01:chat']);
    expect(changesOf(set('w01', { chat: { slack: 'U0123ABCD' } }))).toEqual([]);
  });

  it('a role holder made active again, an admin ended; a worker or supervisor leaving is the bureau\'s', () => {
    expect(changesOf(set('s02', { active: true }))).toEqual(['s02:active']);
    expect(changesOf(set('a01', { active: false }))).toEqual(['a01:active']);
    expect(changesOf((p) => p.filter((x) => x.id !== 'a01'))).toEqual(['a01:active']);
    expect(changesOf((p) => p.filter((x) => x.id !== 's01' && x.id !== 'w01'))).toEqual([]);
  });

  it('names, phones and dates change no role', () => {
    expect(changesOf(set('a01', { name: '架空 改名', phone: '090-9999-9999', until: '2026-12-31' }))).toEqual([]);
    expect(changesOf((p) => p)).toEqual([]);
  });
});
