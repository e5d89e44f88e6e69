import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import { canAny, rolesOf } from '../../domain/access/roles.ts';
import type { OperatorDeps } from './operator-ports.ts';

export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordChange {
  targetId: string;
  /** The authenticated caller, or null when nobody could be authenticated. */
  operator: StaffPerson | null;
  /** Whether the process runs as the OS account that owns the database file (it could rewrite the file anyway). */
  ownsDatabase: boolean;
  osUser: string;
}

/**
 * Who may set a person's CLI password: the person, an admin, or (bootstrap, while nobody has one) whoever could
 * rewrite the database anyway (cli/operator.ts ownsDatabase). Refusals are audited. Returns the target and whether this is the bootstrap case.
 */
export async function authorizePasswordChange(deps: OperatorDeps, change: PasswordChange): Promise<{ target: StaffPerson; bootstrap: boolean }> {
  const target = (await deps.people()).find((p) => p.id === change.targetId && p.active);
  if (!target) throw new AppError(ErrorCode.NotFound, t('access.cli.auth.unknown', { id: change.targetId }));
  const { operator } = change;
  if (operator && (operator.id === target.id || canAny('setOperatorPassword', rolesOf(operator, null)))) return { target, bootstrap: false };
  if (!operator && change.ownsDatabase && !(await deps.credentials.any())) return { target, bootstrap: true };
  const after = { target: target.id, osUser: change.osUser };
  await deps.credentials.audit({ actorId: operator?.id ?? target.id, channel: 'cli', action: 'operator.passwordRefused', entity: 'Person', entityId: target.id, after }, deps.now());
  throw new AppError(ErrorCode.Forbidden, t('access.cli.password.refused', { id: target.id }));
}

/** Hashes and stores the new password (never the password itself), audited with who set it. */
export async function setOperatorPassword(deps: OperatorDeps, change: PasswordChange & { bootstrap: boolean }, password: string): Promise<void> {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AppError(ErrorCode.InvalidInput, t('access.cli.password.tooShort', { min: MIN_PASSWORD_LENGTH }));
  const hash = await deps.hasher.hash(password);
  const setBy = change.operator?.id ?? change.targetId;
  const after = { setBy, bootstrap: change.bootstrap, osUser: change.osUser };
  await deps.credentials.set(change.targetId, hash, { actorId: setBy, channel: 'cli', action: 'operator.passwordSet', entity: 'Person', entityId: change.targetId, after }, deps.now());
}
