import { describe, expect, it } from 'vitest';
import { auditView, changedFields, maskPhone } from '../../../../src/domain/staffing/staff-person.ts';
import { person } from './people.ts';

describe('staff person', () => {
  it('compares chat identities and ID cards by value', () => {
    const a = person('w01', { chat: { slack: 'UW01', console: 'w01' }, idCard: { number: 'K1', expiresOn: '2027-03-31', returnedOn: null } });
    const same = person('w01', { chat: { console: 'w01', slack: 'UW01' }, idCard: { returnedOn: null, expiresOn: '2027-03-31', number: 'K1' } });
    expect(changedFields(a, same)).toEqual([]);
    expect(changedFields(a, { ...same, chat: { console: 'w01' } })).toEqual(['chat']);
    expect(changedFields(a, { ...same, idCard: null, name: '別名' })).toEqual(['name', 'idCard']);
  });

  it('hides personal values in the audit view', () => {
    const p = person('w01', { nameKana: 'カクウ', idCard: { number: 'K1', expiresOn: '2027-03-31', returnedOn: null } });
    expect(auditView(p, ['name', 'nameKana', 'phone', 'idCard', 'canSupervise', 'title'], '(changed)')).toEqual({
      name: '(changed)',
      nameKana: '(changed)',
      phone: '(changed)',
      idCard: '(changed)',
      canSupervise: false,
      title: null,
    });
    expect(JSON.stringify(auditView(p, ['phone'], '(set)'))).not.toContain('090');
  });

  it('masks a phone number but keeps its last four digits', () => {
    expect(maskPhone('090-0000-1234')).toBe('090-****-1234');
    expect(maskPhone('0762201234')).toBe('076-****-1234');
    expect(maskPhone(null)).toBeNull();
  });
});
