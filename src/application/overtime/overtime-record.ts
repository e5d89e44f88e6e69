import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { OvertimePatch, OvertimeRecord } from '../../domain/overtime/overtime.ts';
import type { CaseDeps, CaseStore } from '../cases/ports.ts';

export type { OvertimePatch, OvertimeRecord, OvertimeState } from '../../domain/overtime/overtime.ts';

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

export interface OvertimeStore extends CaseStore<OvertimeRecord, NewOvertime, OvertimePatch> {
  /** Requests of a work date, oldest first (the daily report lists them). */
  ofDay(date: string): Promise<OvertimeRecord[]>;
}

export interface OvertimeDeps extends CaseDeps {
  overtime: OvertimeStore;
  calendar: Pick<WorkCalendar, 'isBusinessTime' | 'isWorkDay' | 'businessEnd'>;
  /** Minutes between reminders of an unanswered request (default 15). */
  overtimeRemindMinutes?: number;
  /** How many reminders the bureau gets at most before the supervisor is told it has not answered (default 3). */
  overtimeMaxReminders?: number;
}

export const OVERTIME_REMIND = 'overtime.remind';
export const OVERTIME_ACTIONS = { request: 'overtime.request', approve: 'overtime.approve', decline: 'overtime.decline' } as const;
export const overtimeRemindKey = (id: number, round: number) => `overtime:${id}:remind:${round}`;
export const overtimePrefix = (id: number) => `overtime:${id}:`;
export const overtimeCardKey = (id: number) => `overtime:${id}`;
