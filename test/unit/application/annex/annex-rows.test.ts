import { describe, expect, it } from 'vitest';
import { permissionsOf, systemRolesOf } from '../../../../src/application/annex/annex-roles.ts';
import { privacyIncidentRows } from '../../../../src/application/annex/privacy-incident-document.ts';
import type { AnnexPerson } from '../../../../src/application/annex/ports.ts';
import type { IncidentRecord } from '../../../../src/application/incidents/incident-record.ts';

const person = (over: Partial<AnnexPerson>): AnnexPerson => ({
  id: 'w01', affiliation: 'contractor', name: '架空 太郎', title: null, phone: null, canSupervise: false, isAdmin: false,
  isSecurityOfficer: false, active: true, from: null, until: null, deactivatedAt: null, osUser: null, chat: [], ...over,
});

const lost: IncidentRecord = {
  id: 7, reportedById: 'w02', orderNo: null, description: '端末 紛失', place: null, thirdPartyDamage: null, state: 'open',
  occurredAt: new Date('2026-03-27T01:00:00Z'), resolvedAt: null, resolvedById: null, resolution: null,
  acks: [{ personId: 'c01', notifiedAt: new Date('2026-03-27T01:00:00Z'), acknowledgedAt: null }], attachmentCount: 0,
  kind: 'terminalLost', terminalFacts: { terminal: null, customerData: null, locked: null },
};

describe('annex rows', () => {
  it('permissions follow src/domain/access/roles.ts: a worker records own results and plays own training, the bureau records none', () => {
    expect(permissionsOf(systemRolesOf(person({})))).toEqual(['recordResult', 'runTraining']);
    expect(permissionsOf(systemRolesOf(person({ affiliation: 'bureau' })))).not.toContain('recordResult');
    expect(permissionsOf(systemRolesOf(person({ isAdmin: true })))).toContain('manageKeys');
    expect(systemRolesOf(person({ active: false, isAdmin: true }))).toEqual([]);
  });

  it('the art. 23 report leaves what the record cannot know blank, never invented', () => {
    const rows = privacyIncidentRows(lost, {}, (id) => id ?? '');
    const value = (label: string) => rows.find((r) => r.label === label)?.value;
    expect(value('件数')).toBeNull();
    expect(value('個人情報の内容')).toBeNull();
    expect(value('発生場所')).toBeNull();
    expect(value('記録番号')).toBe('作業用端末の紛失 #7');
    const given = privacyIncidentRows(lost, { records: 0, content: '氏名' }, (id) => id ?? '');
    expect(given.find((r) => r.label === '件数')?.value).toBe('0件');
    expect(given.find((r) => r.label === '個人情報の内容')?.value).toBe('氏名');
  });
});
