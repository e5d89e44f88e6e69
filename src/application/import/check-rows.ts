import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { contentOf, type IncomingOrder, type PlanItem, type PlannedConflict, planImport } from '../../domain/work-order/import-plan.ts';
import { checkRow, duplicateLines } from '../../domain/work-order/validate-rows.ts';
import { describeRejectedRow } from './describe-import.ts';
import type { ImportDeps, ImportInput, ImportStaging, RejectedEntry } from './ports.ts';

/** An order the import added or updated (or would, in a dry run). */
export interface WrittenOrder {
  line: number;
  orderNo: string;
  scheduledDate: string;
}

/** What an import found and did so far. */
export interface ImportTally {
  rejected: RejectedEntry[]; // rows refused, described at once (a description keeps nothing of the file's text)
  conflicts: PlannedConflict<PlanItem>[];
  unchanged: number;
  staged: number;
  added: WrittenOrder[];
  updated: WrittenOrder[];
}

/** Rows compared with the stored orders at a time (one read of the database each). */
const BATCH_ROWS = 200;

/**
 * Reads the rows twice: first for the order numbers used more than once (all their rows are refused), then to
 * check each row and compare it with the stored orders, a batch at a time, so that memory does not grow with the
 * file. Unchanged rows and conflicts are settled here (only another import could change them meanwhile); new and
 * changed orders are staged, to be compared again when they are published. A dry run stages nothing and counts
 * what would be written.
 */
export async function checkRows(deps: ImportDeps, input: ImportInput, staging: ImportStaging | undefined): Promise<ImportTally> {
  const tally: ImportTally = { rejected: [], conflicts: [], unchanged: 0, staged: 0, added: [], updated: [] };
  const duplicates = duplicateLines(input.source.rows);
  let batch: IncomingOrder[] = [];
  const flush = async () => {
    if (batch.length > 0) await settle(deps, input, staging, batch, tally);
    batch = [];
  };
  for (const row of input.source.rows) {
    const checked = checkRow(row, duplicates, input.source.labels);
    if ('issues' in checked) tally.rejected.push(describeRejectedRow(checked, input.source.headers));
    else batch.push({ line: checked.line, order: checked.order, contentHash: deps.hash(contentOf(checked.order)) });
    if (batch.length >= BATCH_ROWS) {
      stopIfAborted(input.signal);
      await flush();
    }
  }
  await flush();
  return tally;
}

async function settle(deps: ImportDeps, input: ImportInput, staging: ImportStaging | undefined, batch: IncomingOrder[], tally: ImportTally) {
  const reader = staging ?? deps.store;
  const plan = planImport(batch, await reader.findExisting(batch.map((i) => i.order.orderNo)));
  tally.unchanged += plan.unchanged.length;
  for (const c of plan.conflicts) tally.conflicts.push({ line: c.line, order: { orderNo: c.order.orderNo }, contentHash: c.contentHash, reason: c.reason, status: c.status });
  if (staging) {
    await staging.stage([...plan.inserts, ...plan.updates]);
    tally.staged += plan.inserts.length + plan.updates.length;
  } else {
    for (const i of plan.inserts) tally.added.push({ line: i.line, orderNo: i.order.orderNo, scheduledDate: i.order.scheduledDate });
    for (const u of plan.updates) tally.updated.push({ line: u.line, orderNo: u.order.orderNo, scheduledDate: u.order.scheduledDate });
  }
}

/** Ctrl+C: the import stops where it is; whatever it published is undone by the caller. */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError(ErrorCode.Conflict, t('import.interrupted'), { interrupted: true });
}
