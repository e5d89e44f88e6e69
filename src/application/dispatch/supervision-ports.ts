import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { AssignmentDeps } from '../assignment/ports.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { Clock, Logger } from '../ports.ts';
import type { AssignedOrder, DayOrdersReader, DayTeamReader } from './ports.ts';

/** The personal fields of an order, read only when the chat policy lets the assignee see one of them. */
export interface OrderContact {
  customerName: string | null;
  customerNameKana: string | null;
  phone: string | null;
  customerNumber: string | null;
}

export interface OrderContactsReader {
  contactsOf(orderNos: readonly string[]): Promise<Map<string, OrderContact>>;
}

/** What a worker's day view and the bureau channel's staffing view are rebuilt from. */
export interface DayViewDeps {
  orders: DayOrdersReader;
  team: DayTeamReader;
  gateway: Pick<ChatGateway, 'send'>;
  /** What of an order chat may show (default: DEFAULT_CHAT_POLICY). */
  privacy?: ChatPrivacyPolicy;
  contacts?: OrderContactsReader;
}

/** The numbers of a day's orders: scheduled on the date, or assigned on it. */
export interface DayOrderIndex {
  orderNosOn(date: string): Promise<string[]>;
}

/** The supervisor's side in chat: progress, reassignment. */
export interface SupervisionDeps extends DayViewDeps {
  index: DayOrderIndex;
  assignment: AssignmentDeps;
  clock: Clock;
  logger: Logger;
  /** Whether the date's morning post has gone out: before it, a move is only recorded (the post carries it). */
  dayPosted(date: string): Promise<boolean>;
}

/** One change an import made, as the order watch reads it. */
export interface ImportChange {
  orderNo: string;
  /** What is claimed once per order and change: 'added', 'update:<audit id>', 'cancelled'. */
  version: string;
  /** When it changed (the mark moves past it). */
  at: Date;
  source: 'insert' | 'update' | 'cancel';
  /** New values of the fields an update changed (personal values are only a marker), {} otherwise. */
  changed: Record<string, unknown>;
}

/** An order as it stands now, without personal data. */
export interface WatchedOrder extends Pick<AssignedOrder, 'kind' | 'meterWork' | 'diameterMm' | 'address' | 'town'> {
  workOrderId: number;
  orderNo: string;
  status: string;
  scheduledDate: string;
  hasResult: boolean;
  assignment: { personId: string; date: string; visitOrder: number } | null;
}

export interface OrderWatchStore {
  /** Where the watch got to; undefined before its first run. */
  mark(): Promise<Date | undefined>;
  /** Moves the mark forward (never back, whichever instance wrote last). */
  advanceMark(to: Date): Promise<void>;
  /** Imports after `mark`: inserted and updated orders, and the date's assigned orders cancelled since. */
  changesSince(mark: Date, date: string): Promise<ImportChange[]>;
  order(orderNo: string): Promise<WatchedOrder | undefined>;
  /** True for the one instance that inserts (workOrderId, version) first. */
  claim(workOrderId: number, version: string, kind: string, instanceId: string, at: Date): Promise<boolean>;
  release(workOrderId: number, version: string): Promise<void>;
  /** Whether the date's day views went out (the morning post or a later re-send). */
  dayPosted(date: string): Promise<boolean>;
}
