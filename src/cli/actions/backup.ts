import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { backUpDatabase } from '../../assembly/services/database-files.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

export async function backup(deps: CliDeps, opts: { out?: string } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'manageBackups');
  const done = await backUpDatabase(ctx, operator, opts.out);
  deps.out(`${t('retention.backup.done', done)}\n`);
}
