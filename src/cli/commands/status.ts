import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('status')
    .description('データベースの状態 (職員・作業データ・振り分けの件数) と準備状態 (GET /readyz と同じ確認) を表示します')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => (await import('../actions/status.ts')).status(deps, opts));
}
