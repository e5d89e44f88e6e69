import type { StaffDirectory } from '../staffing/ports.ts';
import type { ChainSnapshot } from '../../domain/escalation/chain.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { InboundFile } from '../chat/ports.ts';
import type { Platform } from '../chat/view.ts';
import type { Clock, Logger } from '../ports.ts';
import type { TimerSpec, TimerStore } from '../timers/ports.ts';

/** The cases that wait for a person; each keeps its steps in CaseEvent rows. */
export type CaseType = 'doubt' | 'incident' | 'overtime' | 'complaint';

/** One step, message or decision of a case: who, what, detail (the time is the change's time). */
export interface CaseEventInput {
  action: string;
  actorId: string | null;
  detail?: Record<string, unknown>;
}

export interface CaseAudit {
  action: string;
  actorId: string | null;
  channel: string;
  before?: unknown;
  after?: unknown;
}

/** What a state change writes besides the case row, in the same transaction. */
export interface CaseEffects {
  events?: CaseEventInput[];
  audit?: CaseAudit;
  schedule?: TimerSpec[];
  /** Cancels pending or claimed timers whose dedupe key starts with one of these. */
  cancelPrefixes?: string[];
  /** Cancels pending or claimed timers of exactly these keys (a prefix of page:1:1 would also match page:1:10). */
  cancelKeys?: string[];
  /**
   * The inbound chat event deciding the change: its events carry it, so the replay of that event (a crash before it
   * was marked done) finds the change applied (the record's `sourceEvents`) and decides nothing again.
   */
  sourceEventId?: number;
}

/** A change decided on the case as read inside the write funnel. No patch and no effects: nothing is written. */
export interface CaseChange<P, T> {
  patch?: P;
  effects?: CaseEffects;
  result: T;
}

/**
 * A case table (doubt, incident, overtime request, complaint). `change` re-reads the row inside the write funnel, lets `decide`
 * choose from what it finds, and writes the patch, events, audit row and timers in that same transaction: a decision
 * is never taken on a stale state.
 */
export interface CaseStore<R, N, P> {
  /** Creates the case and applies `start`; the case the input's source event created before instead, if there is one. */
  create(input: N, start: (record: R) => CaseChange<P, void>): Promise<R>;
  get(id: number): Promise<R | undefined>;
  /** The case an inbound chat event created (that event is being replayed after a crash), if any. */
  bySourceEvent(eventId: number): Promise<R | undefined>;
  change<T>(id: number, at: Date, decide: (record: R) => CaseChange<P, T>): Promise<{ record: R; result: T } | undefined>;
}

/** Appends events outside a state change (delivery failures). */
export interface CaseLog {
  append(caseType: CaseType, caseId: number, at: Date, events: CaseEventInput[]): Promise<void>;
}

/** An order as a case card may show it: never the customer's name, kana, phone or number. */
export interface CaseOrder {
  orderNo: string;
  kind: TaskKind;
  meterWork: MeterWork | null;
  diameterMm: number | null;
  address: string;
  town: string;
  scheduledDate: string;
  assigneeId: string | null;
}

export interface CaseOrders {
  byNo(orderNo: string): Promise<CaseOrder | undefined>;
  /** Orders a typed reference can mean ('0007', '7', '20260327-0007'): the person's of the date first, then the date's. */
  matchRef(ref: string, date: string, personId: string): Promise<CaseOrder[]>;
  /**
   * The order's customer name and number, read only to find them in a case's free text and mask them; never put on
   * a card. Optional: without it only phone numbers and customer-number patterns are masked.
   */
  customerOf?(orderNo: string): Promise<KnownCustomer | undefined>;
  /** The customers of a date's orders (scheduled or assigned then): a case may name one without its order number. */
  customersOfDate?(date: string): Promise<KnownCustomer[]>;
}

/** People, the day's supervisors and the contact charts, as the escalation sees them. */
export type EscalationDirectory = Pick<StaffDirectory, 'people' | 'supervisorsOn' | 'chart'>;

export interface NewAttachment {
  platform: Platform;
  file: InboundFile;
}

/** What every doubt, incident and overtime use case is built with. */
export interface CaseDeps {
  directory: EscalationDirectory;
  orders: CaseOrders;
  gateway: Pick<ChatGateway, 'send'>;
  timers: Pick<TimerStore, 'overdue'>;
  log: CaseLog;
  clock: Clock;
  logger: Logger;
  /** What of an order a card may show (default: the address only to the assignee's own messages). */
  privacy?: ChatPrivacyPolicy;
}


/** Whether the case holds a change decided by this inbound event already (the event is replayed after a crash). */
export const appliedBy = (record: { sourceEvents?: number[] }, eventId: number | undefined): boolean =>
  eventId !== undefined && (record.sourceEvents ?? []).includes(eventId);

/** The effects' part that tags a change with its inbound event (nothing outside the inbox). */
export const sourceOf = (eventId: number | undefined): Pick<CaseEffects, 'sourceEventId'> => (eventId === undefined ? {} : { sourceEventId: eventId });

export type { ChainSnapshot };
