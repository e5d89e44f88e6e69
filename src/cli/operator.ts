import type { AppContext } from '../main.ts';
import type { Actor } from '../application/staffing/ports.ts';
import { canAny, rolesOf, type Action } from '../domain/access/roles.ts';
import type { StaffPerson } from '../domain/staffing/staff-person.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { staffDepsOf } from '../runtime/wiring.ts';

/** The `--by` option every operator-checked command declares. */
export const BY_OPTION = ['--by <id>', '実行する職員ID (発注者の担当者か管理者。省略時は KAIHEISEN_OPERATOR)'] as const;

/**
 * The CLI caller of an action reserved to the bureau or an admin (第18条・第19条): `--by`, else
 * KAIHEISEN_OPERATOR. Refuses with whom to ask. While the directory holds nobody who could be asked
 * (a fresh database), the first load is allowed: it is what creates them.
 */
export async function requireOperator(ctx: AppContext, by: string | undefined, action: Action): Promise<Actor> {
  const id = by?.trim() || ctx.config.operator;
  const people = await staffDepsOf(ctx).staff.listPeople();
  const allowed = people.filter((p) => canAny(action, rolesOf(p, null)));
  if (allowed.length === 0) return { actorId: id ?? null, channel: 'cli' };
  const params = { action: t(`access.cli.action.${action}`), whom: whomToAsk(allowed), id: id ?? '' };
  if (!id) throw new AppError(ErrorCode.Forbidden, t('access.cli.noOperator', params));
  const person = people.find((p) => p.id === id && p.active);
  if (!person) throw new AppError(ErrorCode.Forbidden, t('access.cli.unknownOperator', params));
  if (!allowed.includes(person)) throw new AppError(ErrorCode.Forbidden, t('access.cli.refused', params));
  return { actorId: person.id, channel: 'cli' };
}

function whomToAsk(people: StaffPerson[]): string {
  return people.map((p) => t('access.cli.whom', { id: p.id, name: p.name })).join('、') || t('access.cli.nobody');
}
