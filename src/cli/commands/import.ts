import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { ImportOptions } from '../actions/import.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION } from '../operator-options.ts';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('import')
    .description('発注者の作業データ (CSV: UTF-8 または CP932) を取り込みます')
    .argument('<file>', '作業データの CSV ファイル')
    .option('--dry-run', '確認だけして何も書き込まない')
    .option('--json', '結果を JSON で出力する')
    .option('--mapping <file>', '列の対応ファイル (YAML/JSON)。省略時は IMPORT_MAPPING_FILE、それもなければ金沢市の様式')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (file: string, opts: ImportOptions) => (await import('../actions/import.ts')).importOrders(deps, file, opts));
}
