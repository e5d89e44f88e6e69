import type { AuditEntry, Clock, Logger } from '../ports.ts';
import type { ImportedWorkOrder, ImportField, SourceRow } from '../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { ImportLabels } from '../../domain/work-order/validate-row.ts';

/** Reads the import needs (inside or outside a write transaction). */
export interface WorkOrderImportReader {
  /** The stored orders among these numbers, in one round trip whatever the count. */
  findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]>;
}

export interface OrderToWrite {
  line: number;
  order: ImportedWorkOrder;
  contentHash: string;
}

/** A staged order as publishing sees it: its place in the file, number, day and hash (no personal value). */
export interface StagedOrder {
  line: number;
  orderNo: string;
  scheduledDate: string;
  contentHash: string;
}

/** How many staged orders a day has. */
export interface StagedDay {
  date: string;
  count: number;
}

/** Writes of one publishing step; every call runs inside its one short transaction. */
export interface ImportPublisher extends WorkOrderImportReader {
  /** Adds staged orders (by line) as new open orders. */
  insertStaged(lines: readonly number[], at: Date): Promise<void>;
  /** Overwrites stored orders with staged content; the stored rows are kept aside until the import ends (undo). */
  updateStaged(updates: readonly { line: number; id: number }[], at: Date): Promise<void>;
  audit(entries: readonly AuditEntry[], at: Date): Promise<void>;
}

/** What an undo could not take back: orders a worker has meanwhile touched (a result, another change). */
export interface UndoOutcome {
  removed: number;
  restored: number;
  kept: number;
}

/**
 * One import's orders kept aside (encrypted like stored ones, visible to no other reader) until they are
 * published a few days at a time, each step a short transaction of its own.
 */
export interface ImportStaging extends WorkOrderImportReader {
  /** About how many orders the next publishing step should take (whole days are never split); it may adapt. */
  readonly stepRows: number;
  stage(orders: readonly OrderToWrite[]): Promise<void>;
  days(): Promise<StagedDay[]>;
  stagedOn(dates: readonly string[]): Promise<StagedOrder[]>;
  /** The imported fields of staged orders by line (the "after" of an update's audit entry). */
  stagedFields(lines: readonly number[]): Promise<Map<number, ImportedWorkOrder>>;
  /** The imported fields of stored orders, by id (the "before" of an update). */
  importedFields(ids: readonly number[]): Promise<Map<number, ImportedWorkOrder>>;
  /** One short write transaction: committed when fn returns, rolled back when it throws. */
  publish<T>(fn: (publisher: ImportPublisher) => Promise<T>): Promise<T>;
  /** Lets other writers (the bot's acknowledgements in another process) in between two steps. */
  breathe(): Promise<void>;
  /**
   * Takes back every step published so far, newest first, in short transactions: added orders are removed,
   * updated ones restored, each restored order audited with `reversal` of its update entry; `last` (made from the
   * outcome) goes with the final transaction.
   */
  undo(reversal: (orderNo: string) => AuditEntry | undefined, last: (outcome: UndoOutcome) => AuditEntry, at: Date): Promise<UndoOutcome>;
  stats(): StepStats;
  close(): Promise<void>;
}

/**
 * Transactions published so far, how many of them with no bot running (large, unpaused), and the longest one (ms):
 * how long another writer may have waited; and how long the import paused between them, leaving the lock to others.
 */
export interface StepStats {
  steps: number;
  aloneSteps: number;
  longestStepMs: number;
  pausedMs: number;
}

export interface WorkOrderImportStore extends WorkOrderImportReader {
  openStaging(): Promise<ImportStaging>;
}

/** A stable digest of a text (the content hash of an order). */
export type ContentHasher = (text: string) => string;

export interface ImportDeps {
  store: WorkOrderImportStore;
  hash: ContentHasher;
  clock: Clock;
  logger: Logger;
}

/** A file already opened and split into rows (src/adapters/csv/work-order-file.ts). */
export interface ImportSource {
  name: string;
  encoding: string;
  headers: Partial<Record<ImportField, string>>; // the file's column for each field, for messages
  /** Iterated twice (duplicate order numbers first): an array, or a file read again each time. */
  rows: Iterable<SourceRow>;
  labels?: ImportLabels;
}

export interface ImportInput {
  source: ImportSource;
  dryRun: boolean;
  actor: Pick<AuditEntry, 'actorId' | 'channel'>;
  /** Stops the import (Ctrl+C): nothing of it is left. */
  signal?: AbortSignal;
}

export interface RejectedEntry {
  line: number;
  reason: string;
}

export interface ImportResult {
  dryRun: boolean;
  file: string;
  encoding: string;
  imported: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rejected: RejectedEntry[]; // invalid rows and conflicts, by line
  addedOrderNos: string[]; // for the chat layer: orders workers should hear about
  updatedOrderNos: string[];
  /** How many orders the import added or updated (or would) per 作業予定日, by date. */
  ordersByDate: { date: string; count: number }[];
}
