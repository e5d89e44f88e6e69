import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { AppContext } from '../assembly/context.ts';
import type { Actor } from '../application/staffing/ports.ts';
import { canAny, rolesOf, type Action, type Relation } from '../domain/access/roles.ts';
import type { StaffPerson } from '../domain/staffing/staff-person.ts';
import type { DayStaffing } from '../domain/staffing/day-staffing.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { operatorDepsOf, staffDepsOf } from '../assembly/services/staff.ts';
import { auditPersonalDataDisplay } from '../application/audit/personal-data-display.ts';
import { authenticateOperator } from '../application/access/authenticate-operator.ts';
import type { OperatorClaim } from '../application/access/operator-ports.ts';
import { getDayStaffing } from '../application/staffing/get-day-staffing.ts';
import { tokyoDate } from '../domain/calendar/local-time.ts';
import type { CliDeps } from './index.ts';
import { inputOf, promptHidden, readAllStdin } from './password-input.ts';
import type { OperatorOptions } from './operator-options.ts';

/** What a fresh database (nobody holding the right yet) may do without an operator: the loads that create them. */
const FIRST_LOAD_ACTIONS = new Set<Action>(['importOrders', 'changeContactChart', 'changeStaffing']);

export { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from './operator-options.ts';

/** The authenticated caller of a command: actorId is a person of the directory (null only for a first load). */
export type Operator = Actor;

export const osUser = (): string => userInfo().username;

/** The claim of this process: its OS account, `--by`/KAIHEISEN_OPERATOR, and the password from stdin, env or a prompt. */
export function claimOf(deps: CliDeps, ctx: AppContext, opts: OperatorOptions, stdinIsPassword = true): OperatorClaim {
  const claimedId = opts.by?.trim() || ctx.config.operator;
  return {
    osUser: osUser(),
    claimedId,
    async password() {
      if (opts.passwordStdin && stdinIsPassword) return readAllStdin(inputOf(deps));
      if (ctx.config.operatorPassword !== undefined) return ctx.config.operatorPassword;
      return promptHidden(deps, t('access.cli.auth.prompt', { id: claimedId ?? '' }));
    },
  };
}

/** The authenticated person (OS mapping or password) without a role check; the use case decides (complaints). */
export async function authenticate(deps: CliDeps, ctx: AppContext, opts: OperatorOptions): Promise<Operator & { actorId: string }> {
  const person = await authenticateOperator(operatorDepsOf(ctx), claimOf(deps, ctx, opts));
  return { actorId: person.id, channel: 'cli' };
}

/**
 * The authenticated caller of an action reserved to some roles (第18条・第19条), on the staffing of `date` (today when
 * absent). Refusals and grants are audited with the caller's id. While the directory holds nobody who could be asked
 * (a fresh database), the first load is allowed: it is what creates them.
 */
export async function requireOperator(
  deps: CliDeps,
  ctx: AppContext,
  opts: OperatorOptions,
  action: Action,
  staffing?: DayStaffing | null,
  /**
   * firstLoad: a restore into a database nobody may manage yet (a new one) needs no operator, as a first load does.
   * relationOf: how each person relates to the object (the trainee of `train`); none when absent.
   */
  options: { firstLoad?: boolean; relationOf?: (person: StaffPerson) => Relation } = {},
): Promise<Operator> {
  const day = staffing === undefined ? await getDayStaffing(staffDepsOf(ctx), tokyoDate(ctx.clock.now())) : staffing;
  const people = await staffDepsOf(ctx).staff.listPeople();
  const allowed = people.filter((p) => canAny(action, rolesOf(p, day), options.relationOf?.(p)));
  if (allowed.length === 0 && (FIRST_LOAD_ACTIONS.has(action) || options.firstLoad)) return { actorId: null, channel: 'cli' };
  const person = await authenticateOperator(operatorDepsOf(ctx), claimOf(deps, ctx, opts));
  const credentials = operatorDepsOf(ctx).credentials;
  const entry = { actorId: person.id, channel: 'cli', entity: 'Command', entityId: action, after: { osUser: osUser() } };
  if (!allowed.some((p) => p.id === person.id)) {
    await credentials.audit({ ...entry, action: 'operator.refused' }, ctx.clock.now());
    throw new AppError(ErrorCode.Forbidden, t('access.cli.refused', { id: person.id, action: t(`access.cli.action.${action}`), whom: whomToAsk(allowed) }));
  }
  await credentials.audit({ ...entry, action: 'operator.allowed' }, ctx.clock.now());
  return { actorId: person.id, channel: 'cli' };
}

/**
 * Whether the operator of a command also holds a second right it may need (`staff load` changing roles: grantRoles),
 * on today's staffing. The first load (no operator) may; while nobody holds the right at all (no admin yet), the
 * OS account that owns the database file may, as for the first password (ownsDatabase).
 */
export async function operatorMay(ctx: AppContext, operator: Operator, action: Action): Promise<boolean> {
  if (operator.actorId === null) return true;
  const day = await getDayStaffing(staffDepsOf(ctx), tokyoDate(ctx.clock.now()));
  const people = await staffDepsOf(ctx).staff.listPeople();
  const allowed = people.filter((p) => canAny(action, rolesOf(p, day)));
  return allowed.some((p) => p.id === operator.actorId) || (allowed.length === 0 && ownsDatabase(ctx));
}

/** "name (id)" of the operator from the staff directory: the 担当者 of disposal and handover records. */
export async function operatorLabel(ctx: AppContext, operator: Actor): Promise<string> {
  const person = (await staffDepsOf(ctx).staff.listPeople()).find((p) => p.id === operator.actorId);
  return person ? `${person.name} (${person.id})` : (operator.actorId ?? '');
}

function whomToAsk(people: StaffPerson[]): string {
  return people.map((p) => t('access.cli.whom', { id: p.id, name: p.name })).join('、') || t('access.cli.nobody');
}

/**
 * Whether this process could rewrite the database anyway, so may set the first password (the bootstrap, only while
 * nobody holds one): on SQLite the OS account owning the file; on PostgreSQL whoever connects with DATABASE_URL,
 * whose credentials already give every table to write.
 */
export function ownsDatabase(ctx: AppContext): boolean {
  if (!ctx.db.file) return true;
  const uid = process.getuid?.();
  if (uid === undefined) return false;
  try {
    return statSync(ctx.db.file).uid === uid;
  } catch {
    return false;
  }
}

/** Records that a command showed personal data (第21条-2): the authenticated operator, which set, which fields. */
export async function auditDisplay(
  ctx: AppContext,
  operator: Actor,
  shown: { entity: string; entityId: string; fields: readonly string[]; count: number },
): Promise<void> {
  await ctx.db.write((tx) => auditPersonalDataDisplay(tx, { actorId: operator.actorId, channel: 'cli', at: ctx.clock.now(), ...shown }));
}
