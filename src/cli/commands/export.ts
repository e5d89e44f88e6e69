import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { withProtectionOptions, type ProtectionOptions } from '../protection-options.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

/** `kaiheisen export --out FILE[.zip] [--password-file F | --plain]`: everything the next contractor needs (spec 14), documented in README.txt. */
export function register(program: Command, deps: CliDeps): void {
  withProtectionOptions(program.command('export'))
    .description('次期受注者への引継ぎデータ (CSV と説明の README.txt) を AES-256 暗号化 ZIP に書き出します。個人情報を含みます')
    .requiredOption('--out <path>', '書き出す ZIP ファイル (.zip は自動で付きます)。--plain のときは空か、まだないフォルダ')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { out: string } & OperatorOptions & ProtectionOptions) => (await import('../actions/export.ts')).exportData(deps, opts));
}
