import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

const run = () => import('../actions/assign.ts');

/** `kaiheisen assign` (振り分け and 足順 of a day) and `kaiheisen assign move` (the supervisor moves one order). */
export function register(program: Command, deps: CliDeps): void {
  const assign = program
    .command('assign')
    .description('作業データを勤務中の作業者に振り分け、足順を作ります')
    .option('--date <date>', '作業予定日 YYYY-MM-DD (省略時は今日)')
    .option('--include-supervisors', '業務責任者にも振り分ける (既定では業務責任者は局に常駐するため対象外)')
    .option('--json', 'JSON で出力する')
    .option('--map <file>', '振り分けの地図 (PNG: 作業者ごとの色で作業と足順の経路。氏名・住所は描きません) を書き出す')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date?: string; includeSupervisors?: boolean; json?: boolean; map?: string } & OperatorOptions) => (await run()).assign(deps, opts));
  assign
    .command('move <orderNo>')
    .description('作業を別の作業者に移し、固定します (両者の足順を作り直します)')
    .requiredOption('--to <personId>', '移し先の作業者 (例: w03)')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (orderNo: string, own: { to: string; json?: boolean } & OperatorOptions, command: Command) => (await run()).moveAssigned(deps, orderNo, own, command));
}
