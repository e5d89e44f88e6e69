import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { SimulateMonthFlags } from '../actions/simulate-month.ts';
import { MARCH_LOAD } from '../../simulation/month/plan.ts';

const MARCH_ORDERS = MARCH_LOAD.open + MARCH_LOAD.close + MARCH_LOAD.transfer;

/**
 * `kaiheisen simulate-month`: a seeded month of synthetic work played on the console bot with a virtual clock; its
 * last output line is the invariants and figures as JSON, and it fails naming the invariants that do not hold.
 */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('simulate-month')
    .description('架空の1か月分の作業をコンソールと仮想の時計で再生し、件数・日報・月報・個人情報・応答時間を検証します')
    .option('--start <date>', '最初の日 YYYY-MM-DD', '2026-03-01')
    .option('--days <n>', '再生する日数 (暦日)', '31')
    .option('--orders <n>', '期間内の作業件数 (別表1の3月: 9654)', String(MARCH_ORDERS))
    .option('--workers <n>', '作業者数', '20')
    .option('--seed <n>', '乱数の種 (同じ種なら同じ1か月)', '1')
    .option('--database <url>', 'このデータベースで再生する (file:パス か postgres://…。省略時は一時的な SQLite)')
    .option('--progress', '1日ごとの進み具合を表示する')
    .action(async (opts: SimulateMonthFlags, command: Command) => (await import('../actions/simulate-month.ts')).simulateMonth(deps, opts, command));
}
