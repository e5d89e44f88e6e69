import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { restoreDatabaseFrom } from '../../assembly/services/database-files.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

export async function restore(deps: CliDeps, file: string, opts: { force?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'manageBackups', undefined, { firstLoad: true });
  const { previous } = await restoreDatabaseFrom(ctx, file, opts.force === true, operator.actorId);
  deps.out(`${previous ? t('retention.backup.restored', { file, previous }) : t('retention.backup.restoredFresh', { file })}\n${t('retention.backup.restartHint')}\n`);
}
