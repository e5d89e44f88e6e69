import { ACTIONS, canAny, type Action, type Role } from '../../domain/access/roles.ts';
import { t } from '../../templates.ts';
import type { AnnexPerson } from './ports.ts';

/** The roles of the responsibility chart, top to bottom. */
export type ChartRole = 'securityOfficer' | 'admin' | 'supervisor' | 'worker';
export const CHART_ROLES: readonly ChartRole[] = ['securityOfficer', 'admin', 'supervisor', 'worker'];

/** Where a person stands in the chart: 管理責任者, システム管理者, 業務責任者 (may supervise), 従事者 (every contractor). */
export function chartRolesOf(p: AnnexPerson): ChartRole[] {
  if (p.affiliation !== 'contractor') return p.isSecurityOfficer ? ['securityOfficer'] : [];
  return CHART_ROLES.filter((role) =>
    role === 'securityOfficer' ? p.isSecurityOfficer : role === 'admin' ? p.isAdmin : role === 'supervisor' ? p.canSupervise : true,
  );
}

/**
 * The system roles a person can hold (src/domain/access/roles.ts): admin and bureau from the directory, supervisor on
 * the days they supervise (those who may), worker for every contractor. None while deactivated.
 */
export function systemRolesOf(p: AnnexPerson): Role[] {
  if (!p.active) return [];
  const roles: Role[] = [];
  if (p.isAdmin) roles.push('admin');
  if (p.affiliation === 'bureau') roles.push('bureau');
  if (p.canSupervise) roles.push('supervisor');
  if (p.affiliation === 'contractor') roles.push('worker');
  return roles;
}

/** What those roles allow; a contractor records the results of the orders assigned to them. */
export function permissionsOf(roles: readonly Role[]): Action[] {
  const relation = roles.includes('worker') || roles.includes('supervisor') ? 'assignee' : 'none';
  return ACTIONS.filter((a) => canAny(a, roles, relation));
}

export const roleLabel = (role: Role | ChartRole) => t(`annex.role.${role}`);
export const actionLabel = (action: Action) => t(`annex.action.${action}`);
