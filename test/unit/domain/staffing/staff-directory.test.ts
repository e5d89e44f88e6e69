import { describe, expect, it } from 'vitest';
import { planPeople, validateStaffDirectory, type StaffDirectory } from '../../../../src/domain/staffing/staff-directory.ts';
import { formatIssuePath } from '../../../../src/domain/staffing/staff-issue.ts';
import { person } from './people.ts';

function directory(over: Partial<StaffDirectory> = {}): StaffDirectory {
  return {
    people: [person('w01', { canSupervise: true }), person('w02'), person('c01', { affiliation: 'bureau' })],
    defaultStaffing: { workers: ['w01', 'w02'], supervisors: ['w01'] },
    afterHoursRoster: [{ validFrom: null, validTo: null, personIds: ['w02'] }],
    contactCharts: {
      doubt: [{ target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 10 }, { target: { kind: 'person', personId: 'c01' }, ackTimeoutMinutes: 15 }],
      incident: [{ target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 10 }],
    },
    channels: [],
    ...over,
  };
}
const described = (dir: StaffDirectory) => validateStaffDirectory(dir).map((i) => `${formatIssuePath(i.path)} ${i.code}`);

describe('staff directory cross-checks', () => {
  it('accepts a consistent directory', () => {
    expect(validateStaffDirectory(directory())).toEqual([]);
  });

  it('reports duplicate ids and chat accounts with the file paths', () => {
    const people = [person('w01', { canSupervise: true }), person('w02', { chat: { console: 'w01' } }), person('w01'), person('c01', { affiliation: 'bureau' })];
    expect(described(directory({ people }))).toEqual(['people[1].chat.console duplicateIdentity', 'people[2].id duplicateId', 'people[2].chat.console duplicateIdentity']);
  });

  it('refuses one OS account (osUser) for two people: the CLI would not know who runs it', () => {
    const people = [person('w01', { canSupervise: true, osUser: 'taro' }), person('w02', { osUser: 'jiro' }), person('c01', { affiliation: 'bureau', osUser: 'taro' })];
    expect(described(directory({ people }))).toEqual(['people[2].osUser duplicateOsUser']);
  });

  it('refuses an until before the from of the same person', () => {
    const people = [person('w01', { canSupervise: true }), person('w02', { from: '2026-03-20', until: '2026-03-19' }), person('c01', { affiliation: 'bureau' })];
    expect(described(directory({ people }))).toEqual(['people[1].until untilBeforeFrom']);
    const sameDay = [person('w01', { canSupervise: true }), person('w02', { from: '2026-03-20', until: '2026-03-20' }), person('c01', { affiliation: 'bureau' })];
    expect(described(directory({ people: sameDay }))).toEqual([]);
  });

  it('checks references of default staffing, roster and charts', () => {
    const dir = directory({
      defaultStaffing: { workers: ['w01', 'w02'], supervisors: ['w02'] },
      afterHoursRoster: [{ validFrom: null, validTo: null, personIds: ['c01', 'w09'] }],
      contactCharts: { doubt: [{ target: { kind: 'person', personId: 'w09' }, ackTimeoutMinutes: 10 }], incident: [] },
    });
    expect(described(dir)).toEqual([
      'defaultStaffing.supervisors[0] cannotSupervise',
      'afterHoursRoster[0].people[0] notContractor',
      'afterHoursRoster[0].people[1] unknownPerson',
      'contactCharts.doubt[0].target unknownPerson',
      'contactCharts.incident emptyChart',
    ]);
  });

  it('refuses bureau contacts who could supervise and inactive people in use', () => {
    const people = [person('w01', { canSupervise: true }), person('w02', { active: false }), person('c01', { affiliation: 'bureau', canSupervise: true })];
    expect(described(directory({ people }))).toEqual([
      'people[2].canSupervise bureauCannotSupervise',
      'defaultStaffing.workers[1] inactivePerson',
      'afterHoursRoster[0].people[0] inactivePerson',
    ]);
  });
});

describe('planning a load', () => {
  it('sorts people into added, updated, unchanged and deactivated', () => {
    const current = [person('w01'), person('w02'), person('w03'), person('w04', { active: false })];
    const incoming = [person('w01'), person('w02', { phone: '090-0000-9999', canSupervise: true }), person('w05')];
    const plan = planPeople(current, incoming);
    expect(plan.added.map((p) => p.id)).toEqual(['w05']);
    expect(plan.updated.map((u) => [u.after.id, u.fields])).toEqual([['w02', ['phone', 'canSupervise']]]);
    expect(plan.unchanged).toEqual(['w01']);
    expect(plan.deactivated.map((p) => p.id)).toEqual(['w03']); // w04 was inactive already
  });

  it('reactivates someone who comes back in the file', () => {
    const plan = planPeople([person('w04', { active: false })], [person('w04')]);
    expect(plan.updated.map((u) => u.fields)).toEqual([['active']]);
  });
});
