import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { exportHandover } from '../../application/handover/export-handover.ts';
import { handoverDepsOf } from '../../assembly/services/operations.ts';
import { handoverOutputOf } from '../handover-output.ts';
import { protectionOf, type ProtectionOptions } from '../protected-output.ts';
import { operatorLabel, requireOperator, type OperatorOptions } from '../operator.ts';

export async function exportData(deps: CliDeps, opts: { out: string } & OperatorOptions & ProtectionOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'exportData');
  const protection = protectionOf(opts, deps);
  deps.err(`${t('handover.cli.warning')}\n`);
  const result = await exportHandover(
    handoverDepsOf(ctx, handoverOutputOf(opts.out, protection, () => ctx.clock.now())),
    { actor: operator, operator: await operatorLabel(ctx, operator) },
  );
  const rows = result.files.reduce((a, f) => a + f.rows, 0);
  const lines = [t('handover.cli.done', { dir: result.dir, files: result.files.length + 1, rows }), ...result.files.map((f) => t('handover.cli.fileLine', f))];
  deps.out(`${lines.join('\n')}\n`);
  if (!protection.plain) protection.announce(result.dir);
}
