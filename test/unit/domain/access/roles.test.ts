import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, canAny, roleOf, rolesOf, type Action, type Role } from '../../../../src/domain/access/roles.ts';
import type { DayStaffing } from '../../../../src/domain/staffing/day-staffing.ts';

const day: DayStaffing = { date: '2026-03-27', source: 'default', onDuty: ['w01', 'w02'], supervisors: ['w01'] };
const person = (id: string, over: Partial<{ affiliation: 'contractor' | 'bureau'; isAdmin: boolean; active: boolean }> = {}) => ({
  id,
  affiliation: over.affiliation ?? ('contractor' as const),
  isAdmin: over.isAdmin ?? false,
  active: over.active ?? true,
});

describe('rolesOf / roleOf', () => {
  it('a contractor on duty is a worker; the supervisor of the day is a supervisor on that day only', () => {
    expect(rolesOf(person('w02'), day)).toEqual(['worker']);
    expect(rolesOf(person('w01'), day)).toEqual(['supervisor', 'worker']);
    expect(roleOf(person('w01'), { ...day, date: '2026-03-30', supervisors: ['w02'] })).toBe('worker');
  });

  it('bureau and admin come from the directory, admin first', () => {
    expect(roleOf(person('c01', { affiliation: 'bureau' }), day)).toBe('bureau');
    expect(rolesOf(person('w01', { isAdmin: true }), day)).toEqual(['admin', 'supervisor', 'worker']);
  });

  it('an unknown or deactivated person has no role', () => {
    expect(rolesOf(null, day)).toEqual([]);
    expect(roleOf(person('w03', { active: false, isAdmin: true }), day)).toBeNull();
  });
});

describe('can', () => {
  const allowed: Record<Action, Role[]> = {
    recordResult: [],
    reassignOrder: ['supervisor'],
    answerDoubt: ['supervisor'],
    approveDailyReport: ['supervisor'],
    importOrders: ['bureau', 'admin'],
    changeContactChart: ['bureau', 'admin'],
    changeStaffing: ['bureau', 'admin'],
    recordTraining: ['bureau', 'admin'],
    retryDeliveries: ['admin'],
    manageParkedEvents: ['admin'],
    dispatchDay: ['supervisor', 'admin'],
    viewStaffContacts: ['supervisor', 'bureau', 'admin'],
    printReports: ['supervisor', 'bureau', 'admin'],
    receiveComplaints: ['supervisor', 'bureau', 'admin'],
    exportData: ['admin'],
    manageBackups: ['admin'],
    purgeRecords: ['admin'],
    manageKeys: ['admin'],
    reviewAudit: ['admin'],
    setOperatorPassword: ['admin'],
    grantRoles: ['admin'],
    runTraining: ['supervisor', 'bureau', 'admin'],
  };

  it.each(ACTIONS)('%s is allowed exactly to its roles (without a relation)', (action) => {
    expect(ROLES.filter((role) => can(action, role))).toEqual(allowed[action]);
  });

  it('only the assignee records a result, whatever the role', () => {
    for (const role of ROLES) {
      expect(can('recordResult', role, 'assignee')).toBe(true);
      expect(can('recordResult', role, 'none')).toBe(false);
    }
  });

  it('a worker plays their own training, not another worker\'s', () => {
    expect(can('runTraining', 'worker', 'assignee')).toBe(true);
    expect(can('runTraining', 'worker', 'none')).toBe(false);
  });

  it('nobody without a role may do anything, even as assignee', () => {
    for (const action of ACTIONS) expect(can(action, null, 'assignee')).toBe(false);
  });

  it('canAny: an admin who supervises today may both import and reassign', () => {
    const roles = rolesOf(person('w01', { isAdmin: true }), day);
    expect(canAny('importOrders', roles)).toBe(true);
    expect(canAny('reassignOrder', roles)).toBe(true);
    expect(canAny('importOrders', rolesOf(person('w02'), day))).toBe(false);
  });
});
