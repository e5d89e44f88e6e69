import type { AppContext } from '../assembly/context.ts';
import type { Actor } from '../application/staffing/ports.ts';
import { canAny, rolesOf, type Action } from '../domain/access/roles.ts';
import type { StaffPerson } from '../domain/staffing/staff-person.ts';
import type { DayStaffing } from '../domain/staffing/day-staffing.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { staffDepsOf } from '../assembly/services/staff.ts';
import { auditPersonalDataDisplay } from '../application/audit/personal-data-display.ts';

/** What a fresh database (nobody holding the right yet) may do without an operator: the loads that create them. */
const FIRST_LOAD_ACTIONS = new Set<Action>(['importOrders', 'changeContactChart', 'changeStaffing']);

/** The `--by` option every operator-checked command declares. */
export const BY_OPTION = ['--by <id>', '実行する職員ID (そのコマンドの権限のある職員。省略時は KAIHEISEN_OPERATOR)'] as const;

/**
 * The CLI caller of an action reserved to the bureau or an admin (第18条・第19条): `--by`, else
 * KAIHEISEN_OPERATOR. Refuses with whom to ask. While the directory holds nobody who could be asked
 * (a fresh database), the first load is allowed: it is what creates them.
 */
export async function requireOperator(
  ctx: AppContext,
  by: string | undefined,
  action: Action,
  staffing: DayStaffing | null = null,
): Promise<Actor> {
  const id = by?.trim() || ctx.config.operator;
  const people = await staffDepsOf(ctx).staff.listPeople();
  const allowed = people.filter((p) => canAny(action, rolesOf(p, staffing)));
  if (allowed.length === 0 && FIRST_LOAD_ACTIONS.has(action)) return { actorId: id ?? null, channel: 'cli' };
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

/** Records that a command showed personal data (第21条-2): who (--by / KAIHEISEN_OPERATOR), which set, which fields. */
export async function auditDisplay(
  ctx: AppContext,
  by: string | undefined,
  shown: { entity: string; entityId: string; fields: readonly string[]; count: number },
): Promise<void> {
  const actorId = by?.trim() || ctx.config.operator || null;
  await ctx.db.write((tx) => auditPersonalDataDisplay(tx, { actorId, channel: 'cli', at: ctx.clock.now(), ...shown }));
}
