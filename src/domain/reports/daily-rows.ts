import type { MeterWork, TaskKind } from '../work-order/task-kind.ts';
import type { ResultFlag, ResultOutcome } from './monthly-rows.ts';

/**
 * Plain rows the end-of-day report (日報, spec 15(4)) is computed from, loaded by the daily report store for
 * one Tokyo date. No customer name, kana, phone or customer number is ever part of them.
 */
export interface DailyResultRow {
  personId: string;
  outcome: ResultOutcome;
  notDoneReason: string | null;
  recordedAt: Date;
  afterHours: boolean;
  flags: ResultFlag[];
  /** What the worker answered to the findings asked with some flags (spec 15(3)ウ): absent on rows without them. */
  findings?: ResultFindings;
}

/** The その旨 statement of a differing 開栓 reading (masked), and whether the customer was told / notified. */
export interface ResultFindings {
  readingStatement: string | null;
  customerToldOfDefect: boolean | null;
  improperUseNotified: boolean | null;
}

/** An order of the day: assigned on the date, scheduled on it, or carried away from it (see daily-aggregate.ts). */
export interface DailyOrderRow {
  orderNo: string;
  kind: TaskKind;
  town: string;
  status: string; // WorkOrder.status
  scheduledDate: string;
  /** Assignment.personId when the assignment is of the report date, else null. */
  assigneeId: string | null;
  result: DailyResultRow | null;
}

export interface DailyMeterRow {
  kind: MeterWork;
  diameterMm: number;
}

export interface DailyDoubtRow {
  raisedAt: Date;
  raisedById: string;
  orderNo: string | null;
  text: string;
  state: string;
  answer: string | null;
  resolvedAt: Date | null;
}

export interface DailyIncidentRow {
  occurredAt: Date;
  /** accident (事故等) | terminalDamaged | terminalLost (作業用端末の破損・紛失) */
  kind: string;
  /** For a terminal case: billing | mobile, null when not said. */
  terminal: string | null;
  reportedById: string;
  orderNo: string | null;
  description: string;
  state: string;
  resolution: string | null;
  resolvedAt: Date | null;
}

export interface DailyComplaintRow {
  receivedAt: Date;
  kind: string; // noWater | other
  description: string;
  state: string;
  findings: string | null;
  actionTaken: string | null;
  resolvedAt: Date | null;
}

export interface HandoverNoteRow {
  personId: string;
  orderNo: string | null;
  text: string;
  createdAt: Date;
}

export interface DailyParkingRow {
  personId: string;
  orderNo: string | null;
  amountYen: number;
  note: string | null;
}

export interface ConfirmationRow {
  personId: string;
  confirmedAt: Date;
}

export interface DailyRows {
  /** 作業者配置表 of the date: who was on duty, who supervised. */
  onDuty: string[];
  supervisors: string[];
  orders: DailyOrderRow[];
  meterMovements: DailyMeterRow[];
  doubts: DailyDoubtRow[];
  incidents: DailyIncidentRow[];
  complaints: DailyComplaintRow[];
  handoverNotes: HandoverNoteRow[];
  parkingFees: DailyParkingRow[];
  confirmations: ConfirmationRow[];
  /** The day's after-hours requests and decisions, already worded (overtimeReportLines). */
  overtimeLines: string[];
}

export function emptyDailyRows(): DailyRows {
  return {
    onDuty: [],
    supervisors: [],
    orders: [],
    meterMovements: [],
    doubts: [],
    incidents: [],
    complaints: [],
    handoverNotes: [],
    parkingFees: [],
    confirmations: [],
    overtimeLines: [],
  };
}
