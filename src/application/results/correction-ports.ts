import type { CorrectionRole, DailyReportStage, FieldChange } from '../../domain/results/result-correction.ts';
import type { TaskKind } from '../../domain/work-order/task-kind.ts';
import type { NewResult, RecordedResult, StoredFile } from './ports.ts';

/** A corrected result to write over the recorded one (訂正). */
export interface NewCorrection {
  orderNo: string;
  /** Who corrects (the worker who recorded it, or the day's supervisor). */
  personId: string;
  role: CorrectionRole;
  channel: string;
  at: Date;
  /** The whole corrected result, its reading confirmed and the reading checks' flags computed again. */
  draft: NewResult['draft'];
  /** The day's report was approved: the correction is an amendment for the bureau. */
  amendsReport: boolean;
  files: StoredFile[];
  /** The inbound chat event correcting it: its replay corrects nothing again. */
  sourceEventId?: number | null;
  /** The text conversation that ends with this correction (closed in the same transaction, as for a result). */
  conversation?: { said: string };
}

/** One correction as history keeps it. */
export interface StoredCorrection {
  id: number;
  orderNo: string;
  date: string;
  personId: string;
  role: CorrectionRole;
  at: Date;
  changes: FieldChange[];
  amendsReport: boolean;
}

export type CorrectOutcome =
  | { status: 'corrected'; correction: StoredCorrection; result: RecordedResult; replayed: boolean }
  | { status: 'unchanged'; result: RecordedResult }
  | { status: 'notRecorded' };

export interface CorrectionStore {
  /**
   * One transaction: re-reads the result, writes the corrected values over TaskResult (and WorkOrder.status), writes
   * the meters and the pins and seals again from them, adds photos, a ResultCorrection row with before/after and an
   * AuditLog row ('result.correct'), and ends the person's conversation about the order. A replay of the same event
   * returns the correction it made ('replayed').
   */
  correct(input: NewCorrection): Promise<CorrectOutcome>;
  /** The corrections of an order, oldest first. */
  history(orderNo: string): Promise<StoredCorrection[]>;
  /** The correction an inbound event made, if any (that event is being replayed). */
  bySourceEvent(eventId: number): Promise<StoredCorrection | undefined>;
}

/** A correction for the bureau: the stored correction, where the order is (town only), and its values before and after. */
export interface CorrectionAmendment {
  correction: StoredCorrection;
  kind: TaskKind;
  town: string;
  before: string;
  after: string;
}

/**
 * The day's report as a correction needs it: its stage, a draft kept current, an approved report re-issued as 訂正
 * (the amendment in the bureau channel through the outbox, and the PDF marked 訂正). Implemented by the end of the day.
 */
export interface CorrectionReports {
  stageOf(date: string): Promise<DailyReportStage>;
  /** A draft is rebuilt from the corrected results and the supervisors' cards updated in place. */
  refreshDraft(date: string): Promise<void>;
  /** Sends the amendment and the re-issued report; returns whether the bureau channel was reached. */
  reissueAmended(date: string, amendment: CorrectionAmendment): Promise<boolean>;
}
