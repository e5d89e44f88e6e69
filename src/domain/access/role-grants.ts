import type { PeoplePlan, PersonUpdate } from '../staffing/staff-directory.ts';
import type { PersonField, StaffPerson } from '../staffing/staff-person.ts';

/**
 * The fields of a person that give a role or a CLI identity (security annex art. 18, 19): admin (isAdmin), 管理責任者
 * (isSecurityOfficer), who may supervise (canSupervise), the bureau (affiliation), the OS account (osUser). Only an
 * admin sets or changes them (roles.ts grantRoles), so the bureau, which loads the staff file, cannot grant itself a role.
 */
export const ROLE_FIELDS: readonly PersonField[] = ['affiliation', 'isAdmin', 'isSecurityOfficer', 'canSupervise', 'osUser'];

/** A person whose roles or identity a staff-file load would change, and which fields ('active' alone: deactivated). */
export interface RoleChange {
  id: string;
  name: string;
  fields: PersonField[];
}

type RoleHolder = Pick<StaffPerson, 'affiliation' | 'isAdmin' | 'isSecurityOfficer' | 'canSupervise'>;

/** More than a worker's role: whoever the chat accounts of such a person are acts in chat with that role. */
export function holdsRole(p: RoleHolder): boolean {
  return p.isAdmin || p.isSecurityOfficer || p.canSupervise || p.affiliation === 'bureau';
}

function grantedOnAdd(p: StaffPerson): PersonField[] {
  return ROLE_FIELDS.filter((f) => (f === 'affiliation' ? p.affiliation === 'bureau' : f === 'osUser' ? Boolean(p.osUser) : p[f] === true));
}

/**
 * Of an update: the role fields; the chat ids of someone holding a role (before or after); `active` when it makes a
 * role holder active again, or ends an admin.
 */
function grantedOnUpdate({ before, after, fields }: PersonUpdate): PersonField[] {
  const role = holdsRole(before) || holdsRole(after);
  return fields.filter(
    (f) => ROLE_FIELDS.includes(f) || (f === 'chat' && role) || (f === 'active' && ((role && after.active) || before.isAdmin)),
  );
}

/**
 * What of a staff-file load only an admin may do: people added with a role or an OS account, role and identity
 * changes, an admin deactivated (missing from the file). Everything else (names, phones, dates, a worker's chat id,
 * staffing, rosters, charts) is the bureau's to load. Empty when the load grants nothing.
 */
export function roleChangesOf(plan: PeoplePlan): RoleChange[] {
  const changes: RoleChange[] = [
    ...plan.added.map((p) => ({ id: p.id, name: p.name, fields: grantedOnAdd(p) })),
    ...plan.updated.map((u) => ({ id: u.after.id, name: u.after.name, fields: grantedOnUpdate(u) })),
    ...plan.deactivated.filter((p) => p.isAdmin).map((p) => ({ id: p.id, name: p.name, fields: ['active' as const] })),
  ];
  return changes.filter((c) => c.fields.length > 0);
}
