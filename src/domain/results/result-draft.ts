import type { MeterWork, TaskKind } from '../work-order/task-kind.ts';
import type { WorkOrderFields } from '../work-order/work-order.ts';

/** done: work carried out; absent: carried out with the customer away (spec 15(3)ウ(ｱ)e); not_done: not carried out. */
export const RESULT_OUTCOMES = ['done', 'absent', 'not_done'] as const;
export type ResultOutcome = (typeof RESULT_OUTCOMES)[number];

/** 散水栓・水栓柱 after the work: water flows, does not flow, or there is none on site. */
export const OUTDOOR_TAP_STATES = ['flows', 'dry', 'none'] as const;
export type OutdoorTapState = (typeof OUTDOOR_TAP_STATES)[number];

/**
 * A result being filled in (chat step by step, or a form): the fields of prisma's TaskResult that
 * describe the work. undefined or null = not answered yet.
 */
export interface ResultDraft {
  outcome?: ResultOutcome | null;
  notDoneReason?: string | null;
  reading?: number | null;
  readingConfirmed?: boolean;
  customerPresent?: boolean | null;
  customerConsent?: boolean | null;
  meterWorkDone?: MeterWork | null;
  meterNumber?: string | null;
  meterDiameterMm?: number | null;
  meterDiffersFromRecord?: boolean | null;
  valvePinReplaced?: boolean | null;
  sealFitted?: boolean | null;
  /** 休止用ピン, 銅線, 封印玉 used (別表2); null = not given: pins and seals then follow the two flags above. */
  valvePinCount?: number | null;
  copperWireCount?: number | null;
  sealCount?: number | null;
  valveFoundClosed?: boolean | null;
  pilotChecked?: boolean | null;
  pilotStillTurning?: boolean | null;
  valveClosedForPilot?: boolean | null;
  noticeSlipLeft?: boolean | null;
  phoneContacted?: boolean | null;
  phoneContactOutcome?: string | null;
  outdoorTap?: OutdoorTapState | null;
  readingLowerThanPrevious?: boolean;
  usageFarAbovePrevious?: boolean;
  /** 開栓: the reading differs from the previous one (set when recorded; spec 15(3)ウ(ｱ)a). */
  readingDiffersFromPrevious?: boolean;
  /** その旨: the worker's statement of why an 開栓 reading differs from the previous one. */
  readingDifferenceNote?: string | null;
  leakSuspected?: boolean;
  /** 給水装置の不備・申込内容と現場の相違 hindering the work (spec 15(3)ウ(ｴ)a). */
  equipmentDefect?: boolean;
  /** (ｴ)a: the user (使用者等) was told of the defect or mismatch and asked to act. */
  customerToldOfDefect?: boolean | null;
  improperUse?: boolean;
  /** (ｴ)c: the person using water improperly was told to file properly (適正な届出を通告). */
  improperUseNotified?: boolean | null;
  note?: string | null;
}

/** What the rules need to know of the work order. */
export type ResultOrder = Pick<WorkOrderFields, 'kind' | 'meterWork' | 'diameterMm' | 'previousReading' | 'previousUsage'>;

export type { MeterWork, TaskKind };

export const isAnswered = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

export const isBlank = (text: string | null | undefined): boolean => !text || text.trim() === '';
