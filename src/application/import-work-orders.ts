import { AppError, ErrorCode, isAppError } from '../errors.ts';
import { t } from '../templates.ts';
import type { AuditEntry } from './ports.ts';
import { importAuditChange } from '../domain/work-order/import-audit.ts';
import { contentOf, type ImportPlan, type IncomingOrder, planImport } from '../domain/work-order/import-plan.ts';
import { type ValidatedRows, validateRows } from '../domain/work-order/validate-rows.ts';
import { describeConflict, describeRejectedRow } from './import/describe-import.ts';
import type { ImportDeps, ImportInput, ImportResult, WorkOrderImportWriter } from './import/ports.ts';

/**
 * 作業データの取込: checks every row, then, in one transaction, adds new orders, updates changed
 * open ones and leaves the rest. A row that cannot be imported is reported with its line; an order
 * that already has a result or is no longer open is reported as a conflict, never overwritten.
 */
export async function importWorkOrders(deps: ImportDeps, input: ImportInput): Promise<ImportResult> {
  const checked = validateRows(input.source.rows, input.source.labels);
  const incoming: IncomingOrder[] = checked.valid.map(({ line, order }) => ({ line, order, contentHash: deps.hash(contentOf(order)) }));
  const plan = input.dryRun
    ? planImport(incoming, await deps.store.findExisting(incoming.map((i) => i.order.orderNo)))
    : await writeImport(deps, input, incoming, checked);
  const result = resultOf(plan, checked, input);
  deps.logger.info('work orders imported', {
    file: result.file, dryRun: result.dryRun, imported: result.imported, updated: result.updated,
    unchanged: result.unchanged, conflicts: result.conflicts, rejected: result.rejected.length,
  });
  return result;
}

async function writeImport(deps: ImportDeps, input: ImportInput, incoming: IncomingOrder[], checked: ValidatedRows): Promise<ImportPlan> {
  const at = deps.clock.now();
  try {
    return await deps.store.write(async (w) => {
      const plan = planImport(incoming, await w.findExisting(incoming.map((i) => i.order.orderNo)));
      const updateAudits = await updateEntries(w, plan, input);
      await w.insertOrders(plan.inserts, at);
      await w.updateOrders(plan.updates, at);
      await w.audit([...updateAudits, importEntry(plan, checked, input)], at);
      return plan;
    });
  } catch (e) {
    const code = isAppError(e) ? e.code : errorCodeOf(e);
    deps.logger.error('work-order import rolled back', { file: input.source.name, code });
    if (isAppError(e)) throw new AppError(e.code, t('import.writeFailedWith', { message: e.message }), e.details);
    throw new AppError(ErrorCode.Internal, t('import.writeFailed', { code }), { code });
  }
}

/** One audit row per updated order: before/after of the fields that changed. */
async function updateEntries(w: WorkOrderImportWriter, plan: ImportPlan, input: ImportInput): Promise<AuditEntry[]> {
  if (plan.updates.length === 0) return [];
  const stored = await w.importedFields(plan.updates.map((u) => u.id));
  return plan.updates.map((u) => {
    const before = stored.get(u.id);
    if (!before) throw new Error(`work order ${u.id} vanished during the import`);
    const change = importAuditChange(before, u.order);
    return { ...input.actor, action: 'workOrder.update', entity: 'WorkOrder', entityId: u.order.orderNo, ...change };
  });
}

function importEntry(plan: ImportPlan, checked: ValidatedRows, input: ImportInput): AuditEntry {
  const after = { file: input.source.name, encoding: input.source.encoding, ...countsOf(plan, checked) };
  return { ...input.actor, action: 'workOrder.import', entity: 'import', entityId: input.source.name, before: null, after };
}

function countsOf(plan: ImportPlan, checked: ValidatedRows) {
  return {
    imported: plan.inserts.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged.length,
    conflicts: plan.conflicts.length,
    rejected: checked.rejected.length + plan.conflicts.length,
  };
}

function resultOf(plan: ImportPlan, checked: ValidatedRows, input: ImportInput): ImportResult {
  const rejected = [
    ...checked.rejected.map((r) => describeRejectedRow(r, input.source.headers)),
    ...plan.conflicts.map(describeConflict),
  ].sort((a, b) => a.line - b.line);
  const { imported, updated, unchanged, conflicts } = countsOf(plan, checked);
  return {
    dryRun: input.dryRun, file: input.source.name, encoding: input.source.encoding,
    imported, updated, unchanged, conflicts, rejected,
    addedOrderNos: plan.inserts.map((i) => i.order.orderNo),
    updatedOrderNos: plan.updates.map((u) => u.order.orderNo),
  };
}

/** A code that identifies the failure without its message (which may quote row values). */
function errorCodeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w.-]{1,40}$/.test(code)) return code;
  return e instanceof Error ? e.name : 'unknown';
}
