import type { DayStaffing } from '../staffing/day-staffing.ts';
import type { StaffPerson } from '../staffing/staff-person.ts';

/**
 * Who may do what (情報セキュリティ特記仕様書 第18条・第19条). A role is held by a person on a date:
 * admin and bureau come from the directory, supervisor from that day's staffing, worker otherwise.
 * An unknown or deactivated identity has no role at all.
 */
export type Role = 'worker' | 'supervisor' | 'bureau' | 'admin';
export const ROLES: readonly Role[] = ['worker', 'supervisor', 'bureau', 'admin'];

/**
 * How the caller relates to the object of the action: the assignee of an order, the trainee of a training (whose
 * training it is, as an order is its assignee's), or none.
 */
export type Relation = 'assignee' | 'none';

export type Action =
  | 'recordResult'
  | 'reassignOrder'
  | 'answerDoubt'
  | 'approveDailyReport'
  | 'importOrders'
  | 'changeContactChart'
  | 'changeStaffing'
  | 'recordTraining'
  | 'retryDeliveries'
  | 'manageParkedEvents'
  | 'dispatchDay'
  | 'viewStaffContacts'
  | 'printReports'
  | 'receiveComplaints'
  | 'exportData'
  | 'manageBackups'
  | 'purgeRecords'
  | 'manageKeys'
  | 'reviewAudit'
  | 'setOperatorPassword'
  | 'grantRoles'
  | 'runTraining';

export const ACTIONS: readonly Action[] = [
  'recordResult', 'reassignOrder', 'answerDoubt', 'approveDailyReport', 'importOrders', 'changeContactChart', 'changeStaffing', 'recordTraining',
  'retryDeliveries', 'manageParkedEvents', 'dispatchDay', 'viewStaffContacts', 'printReports', 'receiveComplaints',
  'exportData', 'manageBackups', 'purgeRecords', 'manageKeys', 'reviewAudit', 'setOperatorPassword', 'grantRoles', 'runTraining',
];

/** Every role a person holds on the date, strongest first; [] for an inactive or unknown person. */
export function rolesOf(person: Pick<StaffPerson, 'id' | 'affiliation' | 'isAdmin' | 'active'> | null, staffing: DayStaffing | null): Role[] {
  if (!person || !person.active) return [];
  const roles: Role[] = [];
  if (person.isAdmin) roles.push('admin');
  if (person.affiliation === 'bureau') roles.push('bureau');
  if (staffing?.supervisors.includes(person.id)) roles.push('supervisor');
  if (person.affiliation === 'contractor') roles.push('worker');
  return roles;
}

/** The strongest role of the person on the date, or null when they may do nothing. */
export function roleOf(person: Parameters<typeof rolesOf>[0], staffing: DayStaffing | null): Role | null {
  return rolesOf(person, staffing)[0] ?? null;
}

type Rule = (role: Role, relation: Relation) => boolean;

const RULES: Record<Action, Rule> = {
  // Only the assignee records the result of an order.
  recordResult: (_role, relation) => relation === 'assignee',
  // Only a supervisor of that day reassigns, answers doubts and approves the daily report.
  reassignOrder: (role) => role === 'supervisor',
  answerDoubt: (role) => role === 'supervisor',
  approveDailyReport: (role) => role === 'supervisor',
  // Only the bureau or an admin imports orders and changes the contact chart and staffing.
  importOrders: (role) => role === 'bureau' || role === 'admin',
  changeContactChart: (role) => role === 'bureau' || role === 'admin',
  changeStaffing: (role) => role === 'bureau' || role === 'admin',
  // Recording a training given outside the bot (`train record`): those who change the staffing.
  recordTraining: (role) => role === 'bureau' || role === 'admin',
  // Sending a chat message again that the bot gave up on is an operator's task.
  retryDeliveries: (role) => role === 'admin',
  // Retrying or discarding a received chat message the bot parked (`kaiheisen events`) is an operator's task.
  manageParkedEvents: (role) => role === 'admin',
  // Assigning a day's orders and sending its morning post by hand: that day's supervisor, or an admin.
  dispatchDay: (role) => role === 'supervisor' || role === 'admin',
  // Phone numbers of the staff (staff list, after-hours roster), the reports and receiving a complaint:
  // the people who organise the work, never a worker alone (annex art. 19: the least that is needed).
  viewStaffContacts: (role) => role === 'supervisor' || role === 'bureau' || role === 'admin',
  printReports: (role) => role === 'supervisor' || role === 'bureau' || role === 'admin',
  receiveComplaints: (role) => role === 'supervisor' || role === 'bureau' || role === 'admin',
  // Whole-database operations (handover export, backup/restore, disposal, keys, audit review) are an admin's.
  exportData: (role) => role === 'admin',
  manageBackups: (role) => role === 'admin',
  purgeRecords: (role) => role === 'admin',
  manageKeys: (role) => role === 'admin',
  reviewAudit: (role) => role === 'admin',
  // Setting someone else's CLI password (one's own needs no role: set-operator-password.ts).
  setOperatorPassword: (role) => role === 'admin',
  // Giving or changing roles and identities through the staff file (isAdmin, canSupervise, affiliation, osUser, the chat
  // ids of someone who holds a role: domain/access/role-grants.ts): an admin, so the bureau cannot make itself admin.
  grantRoles: (role) => role === 'admin',
  // Playing a training day (`kaiheisen train --worker ID`), recorded for the trainee: the trainee themself, or who
  // may watch over it (that day's supervisor, the bureau, an admin). `train record` needs recordTraining.
  runTraining: (role, relation) => relation === 'assignee' || role === 'supervisor' || role === 'bureau' || role === 'admin',
};

/** Whether a caller with this role and relation to the object may perform the action. */
export function can(action: Action, role: Role | null, relation: Relation = 'none'): boolean {
  return role !== null && RULES[action](role, relation);
}

/** Whether any of the person's roles allows the action (a supervisor who is also admin, ...). */
export function canAny(action: Action, roles: readonly Role[], relation: Relation = 'none'): boolean {
  return roles.some((role) => can(action, role, relation));
}
