import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { StaffDirectory } from '../staffing/ports.ts';
import type { Actor } from '../../domain/access/actor.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { Platform } from '../chat/view.ts';
import type { CaseOrders } from '../cases/ports.ts';
import type { Clock, Logger } from '../ports.ts';
import type { BuildDailyReportDeps } from '../reports/build-daily-report.ts';
import type { TimerStore } from '../timers/ports.ts';
import type { OvertimeStore } from '../overtime/overtime-record.ts';

/** Who works on a date and who supervises it (作業者配置表 / 業務責任者選任届). */
export type DayEndTeam = Pick<StaffDirectory, 'approversOn'>;

export interface NewHandoverNote {
  date: string;
  personId: string;
  orderNo: string | null;
  text: string;
}

export interface NewParkingFee {
  date: string;
  personId: string;
  orderNo: string | null;
  amountYen: number;
  note: string | null;
}

/**
 * The workers' end-of-day records; every write has its AuditLog row in the same transaction. `sourceEventId` is the
 * inbound chat event asking for the write: its replay (a crash before it was marked done) writes nothing again.
 */
export interface DayEndStore {
  /** Records the worker's 完了報告 once; a second one returns the first time (and the event that recorded it). */
  confirm(date: string, personId: string, at: Date, channel: string, sourceEventId?: number): Promise<{ created: boolean; confirmedAt: Date; sourceEventId: number | null }>;
  /** Whether any worker has confirmed the date (the early compile's cheap test before it loads the day). */
  anyConfirmed(date: string): Promise<boolean>;
  /** Adds the note; the note the same event added before, if any, instead. Returns its id. */
  addHandoverNote(note: NewHandoverNote, at: Date, actor: Actor, sourceEventId?: number): Promise<number>;
  /** Adds the fee; the fee the same event added before, if any, instead. Returns its id. */
  addParkingFee(fee: NewParkingFee, at: Date, actor: Actor, sourceEventId?: number): Promise<number>;
  /**
   * Marks the orders 'carried_over' and moves their 作業予定日 to `to`, each with an audit row; an order that got a
   * result or was cancelled meanwhile is skipped. Returns the orders carried.
   */
  carryOver(orderNos: readonly string[], from: string, to: string, at: Date): Promise<string[]>;
  /**
   * Carries to `to` every order still to do, without a result, whose 作業予定日 is before `to`: orders no day-end ever
   * carried (dated on a closed day, or imported for a day already closed). Each keeps its first date in carriedSince
   * and gets an audit row. Returns them with the date they were due.
   */
  carryStranded(to: string, at: Date): Promise<{ orderNo: string; from: string }[]>;
  /** Those of the orders with a result recorded on the date (Asia/Tokyo): a cheap look before the day is read again. */
  resultsRecordedOn(orderNos: readonly string[], date: string): Promise<string[]>;
}

/** 「繰越として完了報告しますか」: asked when a worker finishes the day with orders still open. */
export interface CarryQuestion {
  date: string;
  openOrderNos: string[];
  /** Answered yes (kept a while so that the replay of that answer, and a repeated yes, say the same). */
  answered: boolean;
  expiresAt: Date;
  /** Only a later inbound event answers it: the newest stored when it was asked. */
  askedAfterEventId: number | null;
}

/** The person's carry-over question, durable; it shares the person's one text conversation with results and forms. */
export interface CarryQuestionStore {
  get(personId: string): Promise<CarryQuestion | undefined>;
  ask(personId: string, question: { date: string; openOrderNos: string[] }, meta: { expiresAt: Date; sourceEventId?: number }): Promise<void>;
  answered(personId: string, sourceEventId?: number): Promise<void>;
  drop(personId: string): Promise<void>;
}

/** Where the approved PDF went on one platform (uploaded, written to a file, or only announced). */
export interface FileDelivery {
  platform: Platform;
  ok: boolean;
  detail: string;
}

/** Puts the report's PDF in the bureau channel of every enabled platform, as far as the platform allows. */
export interface BureauFiles {
  postPdf(file: { bytes: Uint8Array; filename: string; title: string; date: string }): Promise<FileDelivery[]>;
}

/** Once-per-key claims shared by every instance (JobRun rows): the end-of-day compile runs once. */
export interface RunClaims {
  claim(key: string, at: Date): Promise<boolean>;
  release(key: string): Promise<void>;
}

export interface DayEndSettings {
  /** HH:MM of the 「本日の作業は完了しましたか」 prompt (DAY_END_PROMPT_TIME, default 17:15). */
  promptAt: string;
  /** Minutes after the compile, and between reminders, until an unapproved report is reminded (default 30). */
  remindMinutes: number;
  /** How many reminders at most (default 3). */
  maxReminders: number;
}

export const DEFAULT_DAY_END_SETTINGS: DayEndSettings = { promptAt: '17:15', remindMinutes: 30, maxReminders: 3 };

export interface DayEndDeps {
  report: BuildDailyReportDeps;
  store: DayEndStore;
  team: DayEndTeam;
  orders: CaseOrders;
  /** The day's after-hours requests: while one runs, its orders stay with their workers and the compile waits. */
  overtime: Pick<OvertimeStore, 'ofDay'>;
  gateway: Pick<ChatGateway, 'send'>;
  files: BureauFiles;
  claims: RunClaims;
  /** The approval reminder's next round (its first is written with the draft). */
  timers: Pick<TimerStore, 'schedule'>;
  calendar: Pick<WorkCalendar, 'isWorkDay' | 'nextWorkDay' | 'previousWorkDay' | 'businessEnd' | 'businessStart'>;
  clock: Clock;
  logger: Logger;
  settings: DayEndSettings;
  /** What of an order's customer the echo of a worker's free text may show (default: nothing). */
  privacy?: ChatPrivacyPolicy;
  /** 「繰越として完了報告しますか」 asked of workers who finish the day with orders still open. */
  carryQuestions: CarryQuestionStore;
  /** Whether another conversation (a result's question) waits for the person's answer: it takes a plain はい first. */
  conversation?: { waitsForAnswer(personId: string): Promise<boolean> };
}

/** The chat actions of this feature (button and form ids). */
export const DAY_END_ACTIONS = {
  confirm: 'dayEnd.confirm',
  note: 'dayEnd.note',
  approve: 'daily.approve',
  amend: 'daily.amend',
} as const;

/** The JobRun key prefix of the compile: the 17:45 daily job and an early compile claim the same key. */
export const DAILY_REPORT_JOB = 'daily-report';
export const DAY_END_PROMPT_JOB = 'day-end-prompt';
export const compileKey = (date: string) => `${DAILY_REPORT_JOB}:${date}`;
/** The compile that waited for the day's overtime to end (claimed once per date by the poller). */
export const afterOvertimeKey = (date: string) => `${compileKey(date)}:after-overtime`;
/** A result recorded after the report was approved: the re-issue for it, claimed once per order. */
export const lateResultKey = (date: string, orderNo: string) => `${compileKey(date)}:late:${orderNo}`;
export const promptCardKey = (date: string) => `dayEnd:${date}`;
export const dailyCardKey = (date: string) => `daily:${date}`;
/** The durable timer of the approval reminder: one per (date, round), all of a date cancelled by the prefix. */
export const DAILY_REMIND = 'daily.remind';
export const dailyRemindPrefix = (date: string) => `${dailyCardKey(date)}:remind:`;
export const dailyRemindKey = (date: string, round: number) => `${dailyRemindPrefix(date)}${round}`;
