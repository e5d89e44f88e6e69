import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { TO_DO_STATUSES } from '../../domain/work-order/work-order.ts';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('status')
    .description('データベースの状態 (職員・作業データ・振り分けの件数) を表示します')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => {
      const { db } = await deps.context();
      const counts = {
        people: await db.read.person.count({ where: { active: true } }),
        workOrders: await db.read.workOrder.count(),
        openWorkOrders: await db.read.workOrder.count({ where: { status: { in: [...TO_DO_STATUSES] } } }),
        assignments: await db.read.assignment.count(),
        results: await db.read.taskResult.count(),
      };
      if (opts.json) return deps.out(`${JSON.stringify(counts)}\n`);
      deps.out(`${t('status.summary', counts)}\n`);
    });
}
