import type { Command } from 'commander';
import type { CliDeps } from './index.ts';
import { withForceOption, type ForceOption } from './protection-options.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from './operator-options.ts';

/** `kaiheisen report consumables --month M --out FILE.pdf [--csv FILE.csv]`: 材料受払簿 (別表2). */
export function registerConsumables(report: Command, deps: CliDeps): void {
  withForceOption(report.command('consumables'))
    .description('材料受払簿 (別表2: 休止用ピン・銅線・封印玉・メーターの前月繰越・支給・使用・在庫) の PDF と CSV を作成します')
    .requiredOption('--month <YYYY-MM>', '対象月')
    .requiredOption('--out <file.pdf>', 'PDF の出力先')
    .option('--csv <file.csv>', 'CSV の出力先 (UTF-8 BOM 付き)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { month: string; out: string; csv?: string } & OperatorOptions & ForceOption) => (await import('./actions/report-consumables.ts')).consumablesReport(deps, opts));
}
