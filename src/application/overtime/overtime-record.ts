import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { CaseDeps, CaseStore } from '../cases/ports.ts';

export type OvertimeState = 'pending' | 'approved' | 'declined';

/** 時間外作業の了承依頼 (spec 2(3)): which orders, why, until when; the bureau's decision. */
export interface OvertimeRecord {
  id: number;
  date: string;
  requestedById: string;
  orderNos: string[];
  reason: string;
  until: string; // HH:MM, Asia/Tokyo, on `date`
  state: OvertimeState;
  decidedById: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  /** Everyone who was sent the request's card (its 'notified' events). */
  notified: string[];
  /** The inbound chat event (the request form) that asked it (null: not from chat). */
  sourceEventId?: number | null;
  /** Inbound chat events whose changes the request holds (its CaseEvents carry them). */
  sourceEvents?: number[];
}

export interface NewOvertime {
  date: string;
  requestedById: string;
  orderNos: string[];
  reason: string;
  until: string;
  createdAt: Date;
  /** The inbound chat event asking it: a request it asked before is returned instead of a new one. */
  sourceEventId?: number | null;
}

export interface OvertimePatch {
  state?: OvertimeState;
  decidedById?: string;
  decidedAt?: Date;
}

export interface OvertimeStore extends CaseStore<OvertimeRecord, NewOvertime, OvertimePatch> {
  /** Requests of a work date, oldest first (the daily report lists them). */
  ofDay(date: string): Promise<OvertimeRecord[]>;
}

export interface OvertimeDeps extends CaseDeps {
  overtime: OvertimeStore;
  calendar: Pick<WorkCalendar, 'isBusinessTime' | 'isWorkDay' | 'businessEnd'>;
  /** Minutes between reminders of an unanswered request (default 15). */
  overtimeRemindMinutes?: number;
}

export const OVERTIME_REMIND = 'overtime.remind';
export const OVERTIME_ACTIONS = { request: 'overtime.request', approve: 'overtime.approve', decline: 'overtime.decline' } as const;
export const overtimeRemindKey = (id: number, round: number) => `overtime:${id}:remind:${round}`;
export const overtimePrefix = (id: number) => `overtime:${id}:`;
export const overtimeCardKey = (id: number) => `overtime:${id}`;
