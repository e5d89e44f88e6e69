import type { CliDeps } from './index.ts';
import type { AppContext } from '../assembly/context.ts';
import { operatorDepsOf } from '../assembly/services/staff.ts';
import { authenticateOperator, mappedPerson } from '../application/access/authenticate-operator.ts';
import { authorizePasswordChange, setOperatorPassword } from '../application/access/set-operator-password.ts';
import type { StaffPerson } from '../domain/staffing/staff-person.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { osUser, ownsDatabase } from './operator.ts';
import { inputOf, promptHidden, readAllStdin } from './password-input.ts';

export interface PasswordOptions {
  by?: string;
  passwordStdin?: boolean;
}

/** `kaiheisen staff password <id>` (declared in commands/staff.ts): sets a person's CLI password (only its scrypt hash is stored). */
export async function setPassword(deps: CliDeps, id: string, opts: PasswordOptions): Promise<void> {
  const ctx = await deps.context();
  const od = operatorDepsOf(ctx);
  const targetId = id.trim();
  const change = { targetId, operator: await changer(deps, ctx, opts, targetId), ownsDatabase: ownsDatabase(ctx), osUser: osUser() };
  const { bootstrap } = await authorizePasswordChange(od, change);
  const password = opts.passwordStdin ? await readAllStdin(inputOf(deps)) : await typedTwice(deps, targetId);
  await setOperatorPassword(od, { ...change, bootstrap }, password);
  deps.out(`${t(bootstrap ? (ctx.db.file ? 'access.cli.password.doneBootstrap' : 'access.cli.password.doneBootstrapServer') : 'access.cli.password.done', { id: targetId, osUser: change.osUser })}\n`);
}

/**
 * Who asks for the change: the person the OS account maps to, else the claimed id (`--by`, KAIHEISEN_OPERATOR, or the
 * target itself when it has a password) proven by its current password. Nobody while no password exists at all.
 */
async function changer(deps: CliDeps, ctx: AppContext, opts: PasswordOptions, targetId: string): Promise<StaffPerson | null> {
  const od = operatorDepsOf(ctx);
  const me = osUser();
  const mapped = mappedPerson(await od.people(), me);
  const by = opts.by?.trim() || ctx.config.operator;
  if (mapped && (!by || by === mapped.id)) return mapped;
  if (!(await od.credentials.any())) return null;
  const claimedId = by ?? ((await od.credentials.hashOf(targetId)) ? targetId : undefined);
  if (!claimedId) return null;
  const password = async () => ctx.config.operatorPassword ?? promptHidden(deps, t('access.cli.password.promptCurrent', { id: claimedId }));
  return authenticateOperator(od, { osUser: me, claimedId, password });
}

async function typedTwice(deps: CliDeps, id: string): Promise<string> {
  const first = await promptHidden(deps, t('access.cli.password.promptNew', { id }));
  if (first === null) throw new AppError(ErrorCode.InvalidInput, t('access.cli.password.noInput'));
  const second = await promptHidden(deps, t('access.cli.password.promptAgain'));
  if (first !== second) throw new AppError(ErrorCode.InvalidInput, t('access.cli.password.mismatch'));
  return first;
}
