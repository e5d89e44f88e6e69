import type { StaffDirectory } from '../staffing/ports.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';

/**
 * An assigned order as chat messages may show it. Deliberately without customer name, kana, phone or
 * customer number: what is not read cannot leak into a message.
 */
export interface AssignedOrder {
  orderNo: string;
  kind: TaskKind;
  address: string;
  /** For channel messages, where the full address is not allowed. */
  town: string;
  meterWork: MeterWork | null;
  diameterMm: number | null;
  previousReading: number | null;
  remarks: string | null;
  status: string;
  /** 作業予定日: later than the day of its assignment once carried over (繰越) from that day. */
  scheduledDate: string;
  /** 繰越: the 作業予定日 it has been open since (null when never carried over). */
  carriedSince: string | null;
  personId: string;
  visitOrder: number;
}

export interface DayOrdersReader {
  /** Orders assigned on the date (to one person when given), by person then visit order. */
  assignedOrders(date: string, personId?: string): Promise<AssignedOrder[]>;
  /** Open orders scheduled on the date that nobody has been given. */
  unassignedCount(date: string): Promise<number>;
}

/** Who works on a date and what each person is called (display names of the staff file). */
export type DayTeamReader = Pick<StaffDirectory, 'staffing' | 'names'>;

export interface PostDayReport {
  date: string;
  workers: number;
  orders: number;
  messages: number;
  /** Messages kept in the outbox after a retryable failure (sent by the running bot as soon as the platform takes them); absent when none. */
  queued?: number;
  /** Recipients that could not be reached, with the reason (no chat identity, platform refused). */
  failures: { to: string; reason: string }[];
}

/** The morning post: the day's staffing to the bureau channel, each worker's orders to them. */
export type PostDay = (date: string) => Promise<PostDayReport>;
