import { AppError, ErrorCode, isAppError } from '../errors.ts';
import { t } from '../templates.ts';
import { checkRows, type ImportTally } from './import/check-rows.ts';
import { describeConflict } from './import/describe-import.ts';
import { countsAfter, errorCodeOf, publishImport } from './import/publish-import.ts';
import type { ImportDeps, ImportInput, ImportResult, ImportStaging } from './import/ports.ts';

/**
 * 作業データの取込: checks every row, then adds new orders, updates changed open ones and leaves the rest. A row
 * that cannot be imported is reported with its line; an order that already has a result or is no longer open is
 * reported as a conflict, never overwritten. The file is read as a stream (twice) and the good rows are written
 * all of them or none, in short steps that never keep another process waiting long (import/publish-import.ts).
 */
export async function importWorkOrders(deps: ImportDeps, input: ImportInput): Promise<ImportResult> {
  const started = deps.clock.now().getTime();
  const { tally, steps } = input.dryRun ? { tally: await checkRows(deps, input, undefined), steps: undefined } : await writeImport(deps, input);
  const result = resultOf(tally, input);
  deps.logger.info('work orders imported', {
    file: result.file, dryRun: result.dryRun, imported: result.imported, updated: result.updated,
    unchanged: result.unchanged, conflicts: result.conflicts, rejected: result.rejected.length, ...steps,
    ms: deps.clock.now().getTime() - started, // bench/import.bench.ts reads it
  });
  return result;
}

async function writeImport(deps: ImportDeps, input: ImportInput) {
  let staging: ImportStaging | undefined;
  try {
    staging = await deps.store.openStaging();
    const tally = await checkRows(deps, input, staging);
    await publishImport(deps, input, staging, tally);
    return { tally, steps: staging.stats() };
  } catch (e) {
    throw failure(deps, input, e);
  } finally {
    await staging?.close();
  }
}

function failure(deps: ImportDeps, input: ImportInput, e: unknown): AppError {
  const code = isAppError(e) ? e.code : errorCodeOf(e);
  if (isAppError(e) && (e.details?.partial || e.details?.interrupted)) return e; // worded for what is left
  if (isAppError(e) && e.code !== ErrorCode.Internal) return e; // the file itself (unreadable, changed): nothing written
  deps.logger.error('work-order import rolled back', { file: input.source.name, code });
  if (isAppError(e)) return new AppError(e.code, t('import.writeFailedWith', { message: e.message }), e.details);
  return new AppError(ErrorCode.Internal, t('import.writeFailed', { code }), { code });
}

function resultOf(tally: ImportTally, input: ImportInput): ImportResult {
  const rejected = [
    ...tally.rejected,
    ...tally.conflicts.map(describeConflict),
  ].sort((a, b) => a.line - b.line);
  const { imported, updated, unchanged, conflicts } = countsAfter(tally);
  const byLine = (list: { line: number; orderNo: string }[]) => [...list].sort((a, b) => a.line - b.line).map((o) => o.orderNo);
  return {
    dryRun: input.dryRun, file: input.source.name, encoding: input.source.encoding,
    imported, updated, unchanged, conflicts, rejected,
    addedOrderNos: byLine(tally.added),
    updatedOrderNos: byLine(tally.updated),
    ordersByDate: countByDate([...tally.added, ...tally.updated]),
  };
}

function countByDate(orders: readonly { scheduledDate: string }[]): { date: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of orders) counts.set(o.scheduledDate, (counts.get(o.scheduledDate) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, count]) => ({ date, count }));
}
