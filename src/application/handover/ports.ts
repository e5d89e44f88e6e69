import type { AuditTrail } from '../audit/ports.ts';
import type { Clock, Logger } from '../ports.ts';

export type Cell = string | number | boolean | Date | null;
export type HandoverRow = Record<string, Cell>;

/** The data of each export file, by file key (see handover-files.ts). */
export type HandoverData = Record<HandoverFileKey, HandoverRow[]>;

export type HandoverFileKey =
  | 'staff'
  | 'dailyStaffing'
  | 'defaultStaffing'
  | 'afterHoursRoster'
  | 'afterHoursOverrides'
  | 'contactChart'
  | 'openWorkOrders'
  | 'results'
  | 'pendingDoubts'
  | 'pendingComplaints';

export interface HandoverSource {
  /** Rosters and staffing from `today` on (YYYY-MM-DD, Asia/Tokyo); work and cases that are still open. */
  load(today: string): Promise<HandoverData>;
}

/** `aes-zip`: one WinZip AES-256 archive (the default, annex art. 11); `plain`: a folder of plain files (--plain). */
export type HandoverFormat = 'aes-zip' | 'plain';

export interface HandoverOutput {
  /** Writes the files (name → text) all at once or not at all; returns where they went and how. */
  write(files: Record<string, string>): Promise<{ location: string; format: HandoverFormat }>;
}

export interface HandoverDeps {
  source: HandoverSource;
  output: HandoverOutput;
  trail: AuditTrail;
  clock: Clock;
  logger: Logger;
}
