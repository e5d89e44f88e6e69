import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { TO_DO_STATUSES } from '../../domain/work-order/work-order.ts';
import { checkReadiness } from '../../application/health/check-readiness.ts';
import { readinessDepsOf } from '../../assembly/services/health.ts';
import { readinessLines } from '../readiness-report.ts';
import { deliveryStatus } from './deliveries.ts';
import { parkedEventsOf } from '../../assembly/services/operations.ts';

export async function status(deps: CliDeps, opts: { json?: boolean }): Promise<void> {
  const ctx = await deps.context();
  const { db } = ctx;
  const counts = {
    people: await db.read.person.count({ where: { active: true } }),
    workOrders: await db.read.workOrder.count(),
    openWorkOrders: await db.read.workOrder.count({ where: { status: { in: [...TO_DO_STATUSES] } } }),
    assignments: await db.read.assignment.count(),
    results: await db.read.taskResult.count(),
  };
  // The same checks as /readyz, from the database: the scheduler by the running bot's heartbeat, no platforms.
  const readiness = await checkReadiness(readinessDepsOf(ctx));
  const deliveries = await deliveryStatus(ctx);
  const parkedEvents = await parkedEventsOf(ctx).count();
  if (opts.json) return deps.out(`${JSON.stringify({ ...counts, readiness, deliveries: deliveries.json, parkedEvents })}\n`);
  deps.out(`${t('status.summary', counts)}\n`);
  deps.out(`${deliveries.line}\n`);
  deps.out(`${t('status.parkedEvents', { count: parkedEvents })}\n`);
  deps.out(`${readinessLines(readiness).join('\n')}\n`);
}
