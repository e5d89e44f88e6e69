import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { RoleChange } from '../../domain/access/role-grants.ts';
import type { Actor, StaffWriter } from './ports.ts';

/**
 * A staff-file load that would grant or change roles, by someone who may not (security annex art. 18, 19): audited
 * as a refusal of `grantRoles` with the operator and the ids and fields (never names), and the error to show, which
 * names each person and field. The caller writes nothing else.
 */
export async function refuseRoleChanges(w: StaffWriter, changes: readonly RoleChange[], actor: Actor): Promise<AppError> {
  const after = { changes: changes.map((c) => ({ id: c.id, fields: c.fields })) };
  await w.audit({ ...actor, action: 'operator.refused', entity: 'Command', entityId: 'grantRoles', after });
  const lines = [
    t('staff.load.rolesRefused', { id: actor.actorId ?? '', count: changes.length }),
    ...changes.map((c) => t('staff.load.roleChangeLine', { id: c.id, name: c.name, fields: fieldsText(c) })),
    t('staff.load.rolesRefusedHint'),
  ];
  return new AppError(ErrorCode.Forbidden, lines.join('\n'));
}

/** 'active' of a role holder: made active again, or (an admin) ended; the others by their staff-file key. */
function fieldsText(c: RoleChange): string {
  return c.fields.map((f) => (f === 'active' ? t('staff.load.roleChangeActive') : f)).join(', ');
}
