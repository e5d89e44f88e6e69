import type { MeterWork, TaskKind } from '../work-order/task-kind.ts';

/** Plain rows the monthly report is computed from (loaded by the report store). */
export type ResultOutcome = 'done' | 'absent' | 'not_done';

export const RESULT_FLAGS = [
  'readingLowerThanPrevious',
  'usageFarAbovePrevious',
  'readingDiffersFromPrevious',
  'meterDiffersFromRecord',
  'equipmentDefect',
  'pilotStillTurning',
  'leakSuspected',
  'improperUse',
] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

export interface ResultRow {
  orderNo: string;
  kind: TaskKind;
  town: string;
  outcome: ResultOutcome;
  recordedAt: Date;
  notDoneReason: string | null;
  afterHours: boolean;
  flags: ResultFlag[];
}

export interface MeterMovementRow {
  date: string;
  kind: MeterWork;
  diameterMm: number;
}

export interface DoubtRow {
  raisedAt: Date;
  orderNo: string | null;
  text: string;
  state: string;
  resolvedAt: Date | null;
}

export interface IncidentRow {
  occurredAt: Date;
  /** accident (事故等) | terminalDamaged | terminalLost (作業用端末の破損・紛失) */
  kind: string;
  /** For a terminal case: billing | mobile, null when not said. */
  terminal: string | null;
  description: string;
  state: string;
  resolvedAt: Date | null;
}

export interface ComplaintRow {
  receivedAt: Date;
  kind: string; // noWater | other
  description: string;
  state: string;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  pageCount: number;
}

export interface ParkingFeeRow {
  date: string;
  amountYen: number;
}

export interface ConsumableRow {
  date: string;
  item: string; // valvePin | copperWire | seal | …
  quantity: number;
}

export interface MonthlyRows {
  results: ResultRow[];
  meterMovements: MeterMovementRow[];
  doubts: DoubtRow[];
  incidents: IncidentRow[];
  complaints: ComplaintRow[];
  parkingFees: ParkingFeeRow[];
  consumables: ConsumableRow[];
}
