import type { AuditEntry, Clock, Logger } from '../ports.ts';
import type { ImportedWorkOrder, ImportField, SourceRow } from '../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { ImportLabels } from '../../domain/work-order/validate-row.ts';

/** Reads the import needs (inside or outside the write transaction). */
export interface WorkOrderImportReader {
  /** The stored orders among these numbers, in one round trip whatever the count. */
  findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]>;
}

export interface OrderToWrite {
  order: ImportedWorkOrder;
  contentHash: string;
}

export interface OrderToUpdate extends OrderToWrite {
  id: number;
}

/** Writes; every call runs inside the one transaction opened by WorkOrderImportStore.write. */
export interface WorkOrderImportWriter extends WorkOrderImportReader {
  /** The imported fields of stored orders, by id (the "before" of an update). */
  importedFields(ids: readonly number[]): Promise<Map<number, ImportedWorkOrder>>;
  insertOrders(orders: readonly OrderToWrite[], at: Date): Promise<void>;
  updateOrders(orders: readonly OrderToUpdate[], at: Date): Promise<void>;
  audit(entries: readonly AuditEntry[], at: Date): Promise<void>;
}

export interface WorkOrderImportStore extends WorkOrderImportReader {
  /** Runs fn in one transaction: everything it writes is kept, or nothing. */
  write<T>(fn: (writer: WorkOrderImportWriter) => Promise<T>): Promise<T>;
}

/** A stable digest of a text (the content hash of an order). */
export type ContentHasher = (text: string) => string;

export interface ImportDeps {
  store: WorkOrderImportStore;
  hash: ContentHasher;
  clock: Clock;
  logger: Logger;
}

/** A file already read and split into rows (src/adapters/csv/work-order-file.ts). */
export interface ImportSource {
  name: string;
  encoding: string;
  headers: Partial<Record<ImportField, string>>; // the file's column for each field, for messages
  rows: readonly SourceRow[];
  labels?: ImportLabels;
}

export interface ImportInput {
  source: ImportSource;
  dryRun: boolean;
  actor: Pick<AuditEntry, 'actorId' | 'channel'>;
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
}
