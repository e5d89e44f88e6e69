import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { OperatorClaim, OperatorDeps } from './operator-ports.ts';

export const AUTH_FAILED = 'operator.authFailed';

/** The active person whose `osUser` is this OS account, if any. */
export function mappedPerson(people: readonly StaffPerson[], osUser: string): StaffPerson | undefined {
  return people.find((p) => p.active && p.osUser === osUser);
}

/**
 * Who runs this CLI command (security annex art. 18): the person the OS account is mapped to in the staff file,
 * else the claimed id proven by its password. A claim alone proves nothing; a wrong password is audited.
 */
export async function authenticateOperator(deps: OperatorDeps, claim: OperatorClaim): Promise<StaffPerson> {
  const people = await deps.people();
  const mapped = mappedPerson(people, claim.osUser);
  if (mapped && (!claim.claimedId || claim.claimedId === mapped.id)) return mapped;
  const id = claim.claimedId;
  if (!id) throw new AppError(ErrorCode.Forbidden, t('access.cli.auth.noOperator', { osUser: claim.osUser }));
  const person = people.find((p) => p.id === id && p.active);
  if (!person) {
    // Nobody to name as the actor but the OS account's own person: the claimed id goes in the detail.
    await refused(deps, mapped?.id ?? null, id, { osUser: claim.osUser, claimedId: id, reason: 'unknown' });
    throw new AppError(ErrorCode.Forbidden, t('access.cli.auth.unknown', { id }));
  }
  const hash = await deps.credentials.hashOf(id);
  if (!hash) {
    await refused(deps, id, id, { osUser: claim.osUser, reason: 'noPassword' });
    // An OS account mapped to someone else cannot be mapped to this person too: only a password proves the claim.
    if (mapped) throw new AppError(ErrorCode.Forbidden, t('access.cli.auth.noPasswordMapped', { id, osUser: claim.osUser, mapped: mapped.id }));
    throw new AppError(ErrorCode.Forbidden, t('access.cli.auth.noPassword', { id, osUser: claim.osUser }));
  }
  const password = await claim.password();
  if (password === null) throw new AppError(ErrorCode.Forbidden, t('access.cli.auth.passwordNeeded', { id }));
  if (!(await deps.hasher.verify(password, hash))) {
    await refused(deps, id, id, { osUser: claim.osUser });
    throw new AppError(ErrorCode.Forbidden, t('access.cli.auth.wrongPassword', { id }));
  }
  return person;
}

/** A claim that could not be proven (unknown id, no password, wrong password), audited as operator.authFailed. */
async function refused(deps: OperatorDeps, actorId: string | null, claimedId: string, after: Record<string, unknown>): Promise<void> {
  await deps.credentials.audit({ actorId, channel: 'cli', action: AUTH_FAILED, entity: 'Person', entityId: claimedId, after }, deps.now());
}
