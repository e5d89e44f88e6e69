import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { exportHandover } from '../../application/handover/export-handover.ts';
import type { HandoverOutput } from '../../application/handover/ports.ts';
import { handoverDepsOf } from '../../assembly/services/operations.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { BY_OPTION, operatorLabel, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

/** A new or empty folder, readable by the owner only: the files hold personal data. */
function folderOutput(dir: string): HandoverOutput {
  return {
    async write(files) {
      if (existsSync(dir) && readdirSync(dir).length > 0) throw new AppError(ErrorCode.Conflict, t('handover.cli.notEmpty', { dir }));
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o600 });
      return dir;
    },
  };
}

/** `kaiheisen export --out DIR`: everything the next contractor needs (spec 14), documented in README.txt. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('export')
    .description('次期受注者への引継ぎデータ (CSV と説明の README.txt) を書き出します。個人情報を含みます')
    .requiredOption('--out <dir>', '書き出すフォルダ (空か、まだないフォルダ)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out: string } & OperatorOptions) => {
      const ctx = await deps.context();
      const operator = await requireOperator(deps, ctx, opts, 'exportData');
      deps.err(`${t('handover.cli.warning')}\n`);
      const result = await exportHandover(
        handoverDepsOf(ctx, folderOutput(resolve(opts.out))),
        { actor: operator, operator: await operatorLabel(ctx, operator) },
      );
      const rows = result.files.reduce((a, f) => a + f.rows, 0);
      const lines = [t('handover.cli.done', { dir: result.dir, files: result.files.length + 1, rows }), ...result.files.map((f) => t('handover.cli.fileLine', f))];
      deps.out(`${lines.join('\n')}\n`);
    });
}
