import type { PdfRenderer } from '../reports/ports.ts';
import type { Clock, Logger } from '../ports.ts';

/** Everything dated before `date` (Asia/Tokyo) goes; `instant` is that day's Tokyo midnight. */
export interface PurgeCutoff {
  date: string;
  instant: Date;
}

/** Rows removed per table, cascaded deletions included. */
export type PurgeCounts = Record<string, number>;

/** What the purge transaction stores besides deleting: the disposal record and its audit row. */
export interface DisposalWrite {
  period: string;
  at: Date;
  content: string;
  audit: { actorId: string | null; channel: string; action: string; after: string };
}

export interface RetentionStore {
  /**
   * How deleted rows leave the storage, as the disposal record states it: overwritten with zeros at once (SQLite
   * secure_delete), or their space made reusable by VACUUM, without overwriting (PostgreSQL).
   */
  readonly erasure: 'overwritten' | 'reusable';
  /** Dry run: the exact counts (the deletions run and are rolled back). */
  count(cutoff: PurgeCutoff): Promise<PurgeCounts>;
  /** Deletes, then stores the disposal record (Report kind 'disposal') and an audit row, in one transaction. */
  purge(cutoff: PurgeCutoff, record: (counts: PurgeCounts) => DisposalWrite): Promise<{ counts: PurgeCounts; reportId: number }>;
  attachPdf(reportId: number, pdf: Uint8Array): Promise<void>;
  /**
   * SQLite: VACUUM and checkpoint(TRUNCATE), the deleted bytes leave the file (false when a reader kept the WAL busy).
   * PostgreSQL: VACUUM of the purged tables (always true: there is no WAL to empty from here).
   */
  compact(): Promise<{ checkpointed: boolean }>;
}

/** Writes the record's CSV and PDF to the disposal folder; returns the paths. */
export interface DisposalFiles {
  write(baseName: string, csv: string, pdf: Uint8Array): Promise<{ csv: string; pdf: string }>;
}

export interface PurgeDeps {
  store: RetentionStore;
  files: DisposalFiles;
  renderer: PdfRenderer;
  clock: Clock;
  logger: Logger;
}
