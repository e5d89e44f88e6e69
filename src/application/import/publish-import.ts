import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { AuditEntry } from '../ports.ts';
import { importAuditChange } from '../../domain/work-order/import-audit.ts';
import { type ExistingOrder, type ImportPlan, type PlanItem, planImport } from '../../domain/work-order/import-plan.ts';
import type { ImportTally } from './check-rows.ts';
import { stopIfAborted } from './check-rows.ts';
import type { ImportDeps, ImportInput, ImportPublisher, ImportStaging, StagedDay, StagedOrder } from './ports.ts';

/**
 * Publishing staged orders, a few days at a time.
 *
 * Why in steps: SQLite has one writer. One transaction for a year of orders held the lock for seconds, and the
 * bot, another process, could not store (and so not acknowledge) a chat event meanwhile. Everything slow (reading,
 * checking, hashing, encrypting) happens before, into the staging area, which takes no lock; each step then holds
 * the lock ~10 ms (stepRows orders of pure SQL) and leaves it free at least as long before the next. With no bot
 * running on the database (the staging area looks at its heartbeat every few seconds), steps are large and unpaused.
 *
 * What the bot sees between steps: nothing of the staging area; whole days. A step takes every staged order of
 * the days it publishes (a day is never split, whatever its size), with their update audit entries, so any read
 * of "the orders of day D" (the morning post, 残り, assignment, the daily report) sees day D entirely before or
 * entirely after the import. The import's own audit entry, which the running bot's order watch waits for before it
 * tells workers of added orders, comes with the last step. An import of up to stepRows orders (the bureau's daily
 * file) is a single step: one transaction, as before.
 *
 * Keeping "all good rows or none": a step that fails is rolled back by SQLite, and the steps before it are undone
 * (added orders removed, updated ones restored from their stored before-images, each restoration audited as the
 * reverse of its update; the audit trail is append-only, so it shows both). Ctrl+C during the import does the same.
 * A step re-reads the stored state of its orders inside its transaction and is planned again if anything changed
 * since it was planned (a result recorded meanwhile makes a planned update a conflict, as it would have been).
 *
 * The one case left: the process killed outright (kill -9, power loss) between two steps of a multi-step import.
 * Then the days published so far stay, each whole, and the rest is not there; the staging area vanishes with the
 * process. Running the same import again completes it (re-importing changes nothing of what is already there).
 */
export async function publishImport(deps: ImportDeps, input: ImportInput, staging: ImportStaging, tally: ImportTally): Promise<void> {
  const forward = new Map<string, AuditEntry>(); // update entries written so far, by order number (for an undo)
  const days = await staging.days();
  let published = 0;
  try {
    for (let next = 0; published === 0 || next < days.length; published++) {
      if (published > 0) await staging.breathe();
      stopIfAborted(input.signal);
      const dates = nextDays(days, next, staging.stepRows);
      next += dates.length;
      const staged = await staging.stagedOn(dates);
      // Each step's own time: the order watch reads audit entries by time, a few minutes back at most.
      await publishStep(staging, input, { staged, tally, forward, at: deps.clock.now(), last: next >= days.length });
    }
  } catch (e) {
    if (published > 0) await undoPublished(deps, input, staging, forward, e);
    throw e;
  }
}

/** The days of the next step: from `from` on, at least one, until the next would make it exceed stepRows orders. */
function nextDays(days: readonly StagedDay[], from: number, stepRows: number): string[] {
  const dates: string[] = [];
  let count = 0;
  for (const day of days.slice(from)) {
    if (dates.length > 0 && count + day.count > stepRows) break;
    dates.push(day.date);
    count += day.count;
  }
  return dates;
}

interface Step {
  staged: StagedOrder[];
  tally: ImportTally;
  forward: Map<string, AuditEntry>;
  at: Date;
  last: boolean;
}

/** Tries planned outside the lock; after these, the step is planned inside its transaction. */
const OPTIMISTIC_TRIES = 3;

async function publishStep(staging: ImportStaging, input: ImportInput, step: Step): Promise<void> {
  const items: PlanItem[] = step.staged.map((s) => ({ line: s.line, order: { orderNo: s.orderNo }, contentHash: s.contentHash }));
  const orderNos = items.map((i) => i.order.orderNo);
  for (let attempt = 1; ; attempt++) {
    const inside = attempt > OPTIMISTIC_TRIES;
    const seen = inside ? [] : await staging.findExisting(orderNos);
    const outside = inside ? undefined : await planned(staging, input, items, seen);
    const done = await staging.publish(async (p) => {
      const now = await p.findExisting(orderNos);
      if (outside && !sameState(seen, now)) return undefined; // changed since it was planned: plan again
      const { plan, audits } = outside ?? (await planned(staging, input, items, now));
      await write(p, step, plan, audits, input);
      return { plan, audits };
    });
    if (!done) continue;
    record(step, done.plan, done.audits);
    return;
  }
}

interface Planned {
  plan: ImportPlan<PlanItem>;
  audits: AuditEntry[];
}

async function planned(staging: ImportStaging, input: ImportInput, items: PlanItem[], existing: ExistingOrder[]): Promise<Planned> {
  const plan = planImport(items, existing);
  return { plan, audits: await updateEntries(staging, plan, input) };
}

/** One audit row per updated order: before/after of the fields that changed (personal ones only as a marker). */
async function updateEntries(staging: ImportStaging, plan: ImportPlan<PlanItem>, input: ImportInput): Promise<AuditEntry[]> {
  if (plan.updates.length === 0) return [];
  const before = await staging.importedFields(plan.updates.map((u) => u.id));
  const after = await staging.stagedFields(plan.updates.map((u) => u.line));
  return plan.updates.map((u) => {
    const [b, a] = [before.get(u.id), after.get(u.line)];
    if (!b || !a) throw new Error(`work order ${u.id} vanished during the import`);
    return { ...input.actor, action: 'workOrder.update', entity: 'WorkOrder', entityId: u.order.orderNo, ...importAuditChange(b, a) };
  });
}

async function write(p: ImportPublisher, step: Step, plan: ImportPlan<PlanItem>, audits: AuditEntry[], input: ImportInput): Promise<void> {
  await p.insertStaged(plan.inserts.map((i) => i.line), step.at);
  await p.updateStaged(plan.updates.map((u) => ({ line: u.line, id: u.id })), step.at);
  await p.audit(step.last ? [...audits, importEntry(input, countsAfter(step.tally, plan))] : audits, step.at);
}

function record(step: Step, plan: ImportPlan<PlanItem>, audits: AuditEntry[]): void {
  const { tally } = step;
  const dateOf = new Map(step.staged.map((s) => [s.line, s.scheduledDate]));
  const written = (p: PlanItem) => ({ line: p.line, orderNo: p.order.orderNo, scheduledDate: dateOf.get(p.line)! });
  for (const i of plan.inserts) tally.added.push(written(i));
  for (const u of plan.updates) tally.updated.push(written(u));
  tally.unchanged += plan.unchanged.length;
  tally.conflicts.push(...plan.conflicts);
  for (const a of audits) if (a.entityId) step.forward.set(a.entityId, a);
}

/** The figures of the whole import once this (last) step is written. */
export function countsAfter(tally: ImportTally, plan?: ImportPlan<PlanItem>) {
  const conflicts = tally.conflicts.length + (plan?.conflicts.length ?? 0);
  return {
    imported: tally.added.length + (plan?.inserts.length ?? 0),
    updated: tally.updated.length + (plan?.updates.length ?? 0),
    unchanged: tally.unchanged + (plan?.unchanged.length ?? 0),
    conflicts,
    rejected: tally.rejected.length + conflicts,
  };
}

function importEntry(input: ImportInput, counts: ReturnType<typeof countsAfter>): AuditEntry {
  const after = { file: input.source.name, encoding: input.source.encoding, ...counts };
  return { ...input.actor, action: 'workOrder.import', entity: 'import', entityId: input.source.name, before: null, after };
}

function sameState(a: readonly ExistingOrder[], b: readonly ExistingOrder[]): boolean {
  const key = (e: ExistingOrder) => `${e.orderNo}\u001f${e.id}\u001f${e.contentHash}\u001f${e.status}\u001f${e.hasResult}`;
  const seen = new Set(a.map(key));
  return a.length === b.length && b.every((e) => seen.has(key(e)));
}

async function undoPublished(deps: ImportDeps, input: ImportInput, staging: ImportStaging, forward: Map<string, AuditEntry>, cause: unknown) {
  const reversal = (orderNo: string): AuditEntry | undefined => {
    const entry = forward.get(orderNo);
    return entry && { ...entry, before: entry.after, after: entry.before };
  };
  const last = (outcome: object): AuditEntry => ({
    ...input.actor, action: 'workOrder.importUndone', entity: 'import', entityId: input.source.name, before: null,
    after: { file: input.source.name, ...outcome },
  });
  let outcome;
  try {
    outcome = await staging.undo(reversal, last, deps.clock.now());
  } catch (e) {
    deps.logger.error('work-order import could not be undone', { file: input.source.name, code: errorCodeOf(e), cause: errorCodeOf(cause) });
    throw new AppError(ErrorCode.Internal, t('import.undoFailed', { code: errorCodeOf(e) }), { partial: true });
  }
  deps.logger.warn('work-order import undone', { file: input.source.name, ...outcome, cause: errorCodeOf(cause) });
  if (outcome.kept > 0) throw new AppError(ErrorCode.Conflict, t('import.undoIncomplete', { kept: outcome.kept }), { partial: true });
}

/** A code that identifies a failure without its message (which may quote row values). */
export function errorCodeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w.-]{1,40}$/.test(code)) return code;
  return e instanceof Error ? e.name : 'unknown';
}
