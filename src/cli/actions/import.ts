import type { CliDeps } from '../index.ts';
import { t, templateText } from '../../templates.ts';
import { importWorkOrders } from '../../application/import-work-orders.ts';
import type { ImportResult } from '../../application/import/ports.ts';
import { loadColumnMapping, openWorkOrderFile } from '../../adapters/csv/work-order-file.ts';
import { importDepsOf } from '../../assembly/services/work-orders.ts';
import { dayAssignedOf } from '../../assembly/services/assignment.ts';
import { deferredDates, deferredLines, type DeferredDate } from '../../application/import/dispatch-days.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';
import { runAsBatch } from '../batch-priority.ts';

export interface ImportOptions extends OperatorOptions {
  dryRun?: boolean;
  json?: boolean;
  mapping?: string;
}

export async function importOrders(deps: CliDeps, file: string, opts: ImportOptions): Promise<void> {
  runAsBatch();
  const ctx = await deps.context();
  const actor = await requireOperator(deps, ctx, opts, 'importOrders');
  const source = openWorkOrderFile(file, loadColumnMapping(opts.mapping ?? ctx.config.importMappingFile));
  const result = await untilInterrupted((signal) =>
    importWorkOrders(
      importDepsOf(ctx),
      { source, dryRun: opts.dryRun === true, actor, signal },
    ),
  );
  const today = tokyoDate(ctx.clock.now());
  const assignedToday = await dayAssignedOf(ctx)(today);
  const deferred = deferredDates(result.ordersByDate, { calendar: ctx.calendar, today, assignedToday });
  deps.out(opts.json ? `${JSON.stringify(jsonOf(result, deferred))}\n` : textOf(result, deferred));
}

/**
 * Ctrl+C or SIGTERM during an import stops it at the next step and undoes what it wrote, instead of leaving part
 * of a large file imported; a second signal ends the process at once.
 */
async function untilInterrupted<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const release = () => signals.forEach((s) => process.off(s, stop));
  function stop(signal: NodeJS.Signals) {
    if (!controller.signal.aborted) return controller.abort();
    release(); // the second one: the default action (exit)
    process.kill(process.pid, signal);
  }
  signals.forEach((s) => process.on(s, stop));
  try {
    return await run(controller.signal);
  } finally {
    release();
  }
}

/**
 * Exactly the figures a script needs; the order numbers stay inside (the chat layer uses them). `deferred`: dates whose
 * orders are dispatched on a later work day (closed days, days already behind), with that day.
 */
function jsonOf(r: ImportResult, deferred: DeferredDate[]) {
  const { imported, updated, unchanged, conflicts, rejected, dryRun } = r;
  return { imported, updated, unchanged, conflicts, rejected, dryRun, deferred };
}

function textOf(r: ImportResult, deferred: DeferredDate[]): string {
  const params = {
    file: r.file,
    encoding: templateText(`import.encoding.${r.encoding}`),
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    conflicts: r.conflicts,
    rejected: r.rejected.length - r.conflicts,
  };
  const lines = [t(r.dryRun ? 'import.summaryDryRun' : 'import.summary', params)];
  for (const entry of r.rejected) lines.push(t('import.rejectedLine', { line: entry.line, reason: entry.reason }));
  lines.push(...deferredLines(deferred));
  return `${lines.join('\n')}\n`;
}
