import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { exportHandover } from '../../application/handover/export-handover.ts';
import { handoverDepsOf } from '../../assembly/services/operations.ts';
import { handoverOutputOf } from '../handover-output.ts';
import { protectionOf, withProtectionOptions, type ProtectionOptions } from '../protected-output.ts';
import { BY_OPTION, operatorLabel, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

/** `kaiheisen export --out FILE[.zip] [--password-file F | --plain]`: everything the next contractor needs (spec 14), documented in README.txt. */
export function register(program: Command, deps: CliDeps): void {
  withProtectionOptions(program.command('export'))
    .description('次期受注者への引継ぎデータ (CSV と説明の README.txt) を AES-256 暗号化 ZIP に書き出します。個人情報を含みます')
    .requiredOption('--out <path>', '書き出す ZIP ファイル (.zip は自動で付きます)。--plain のときは空か、まだないフォルダ')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out: string } & OperatorOptions & ProtectionOptions) => {
      const protection = protectionOf(opts, deps);
      const ctx = await deps.context();
      const operator = await requireOperator(deps, ctx, opts, 'exportData');
      deps.err(`${t('handover.cli.warning')}\n`);
      const result = await exportHandover(
        handoverDepsOf(ctx, handoverOutputOf(opts.out, protection, () => ctx.clock.now())),
        { actor: operator, operator: await operatorLabel(ctx, operator) },
      );
      const rows = result.files.reduce((a, f) => a + f.rows, 0);
      const lines = [t('handover.cli.done', { dir: result.dir, files: result.files.length + 1, rows }), ...result.files.map((f) => t('handover.cli.fileLine', f))];
      deps.out(`${lines.join('\n')}\n`);
      if (!protection.plain) protection.announce(result.dir);
    });
}
