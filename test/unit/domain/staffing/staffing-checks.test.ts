import { describe, expect, it } from 'vitest';
import { checkRosterMember, checkStaffingSelection, type StaffingPersonInfo } from '../../../../src/domain/staffing/staffing-checks.ts';

const people: Record<string, StaffingPersonInfo> = {
  w01: { affiliation: 'contractor', canSupervise: true, active: true, from: null, until: null, phone: '090-0000-0001' },
  w02: { affiliation: 'contractor', canSupervise: false, active: true, from: null, until: null, phone: null },
  w03: { affiliation: 'contractor', canSupervise: true, active: false, from: null, until: null, phone: '090-0000-0003' },
  c01: { affiliation: 'bureau', canSupervise: false, active: true, from: null, until: null, phone: '090-0000-0101' },
  w07: { affiliation: 'contractor', canSupervise: true, active: true, from: '2026-03-20', until: '2026-03-31', phone: '090-0000-0004' },
};
const personOf = (id: string) => people[id];
const codes = (issues: { path: unknown[]; code: string }[]) => issues.map((i) => `${i.path.join('.')}:${i.code}`);

describe('staffing selection (作業者配置表 / 業務責任者)', () => {
  it('accepts active contractors with a supervisor among them', () => {
    expect(checkStaffingSelection(['w01', 'w02'], ['w01'], personOf, { allowEmpty: false })).toEqual([]);
  });

  it('reports unknown, inactive and bureau people, duplicates and bad supervisors together', () => {
    const issues = checkStaffingSelection(['w01', 'w09', 'w03', 'c01', 'w01'], ['w02', 'w04'], personOf, { allowEmpty: false });
    expect(codes(issues)).toEqual([
      'workers.1:unknownPerson',
      'workers.2:inactivePerson',
      'workers.3:notContractor',
      'workers.4:duplicateInList',
      'supervisors.0:supervisorNotOnDuty',
      'supervisors.1:unknownPerson',
    ]);
  });

  it("refuses a day's worker outside their dates, only when the day is given", () => {
    expect(codes(checkStaffingSelection(['w01', 'w07'], ['w01'], personOf, { allowEmpty: false, date: '2026-03-19' }))).toEqual(['workers.1:outsideDates']);
    expect(checkStaffingSelection(['w01', 'w07'], ['w01'], personOf, { allowEmpty: false, date: '2026-03-20' })).toEqual([]);
    expect(checkStaffingSelection(['w01', 'w07'], ['w01'], personOf, { allowEmpty: true })).toEqual([]);
  });

  it('requires a supervisor who may supervise', () => {
    expect(codes(checkStaffingSelection(['w01', 'w02'], [], personOf, { allowEmpty: false }))).toEqual(['supervisors:noSupervisor']);
    expect(codes(checkStaffingSelection(['w01', 'w02'], ['w02'], personOf, { allowEmpty: false }))).toEqual(['supervisors.0:cannotSupervise']);
  });

  it('allows an empty default staffing but not an empty day', () => {
    expect(checkStaffingSelection([], [], personOf, { allowEmpty: true })).toEqual([]);
    expect(codes(checkStaffingSelection([], [], personOf, { allowEmpty: false }))).toEqual(['workers:noWorkers']);
    expect(codes(checkStaffingSelection([], ['w01'], personOf, { allowEmpty: true }))).toEqual(['workers:noWorkers']);
  });

  it('needs a phone number for the after-hours roster', () => {
    expect(checkRosterMember('w01', ['p'], personOf)).toEqual([]);
    expect(codes(checkRosterMember('w02', ['p'], personOf))).toEqual(['p:phoneRequired']);
    expect(codes(checkRosterMember('c01', ['p'], personOf))).toEqual(['p:notContractor']);
  });
});
