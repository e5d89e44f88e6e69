import type { ComplaintKind } from '../../domain/complaints/complaint-command.ts';
import type { ComplaintPatch, ComplaintPolicy, ComplaintRecord, ComplaintVia, LinkedOrder, PageOutcome } from '../../domain/complaints/complaint.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { ChatDirectory } from '../chat/ports.ts';
import type { Clock, Logger } from '../ports.ts';
import type { StaffReader, StaffStore } from '../staffing/ports.ts';
import type { TimerSpec } from '../timers/ports.ts';

export {
  COMPLAINT_STATES,
  DEFAULT_COMPLAINT_POLICY,
  PAGE_OUTCOMES,
  type ComplaintPatch,
  type ComplaintPolicy,
  type ComplaintRecord,
  type ComplaintState,
  type ComplaintVia,
  type LinkedOrder,
  type PageOutcome,
  type PageRecord,
} from '../../domain/complaints/complaint.ts';

export interface ComplaintEvent {
  action: string;
  actorId: string | null;
  detail?: Record<string, unknown>;
}

export interface ComplaintAudit {
  action: string;
  actorId: string | null;
  channel: string;
  before?: unknown;
  after?: unknown;
}

export interface NewPage {
  personId: string;
  round: number;
  position: number;
  outcome: PageOutcome;
}

/** What one decision writes, all in the transaction that read the complaint (timers: cancel first, then schedule). */
export interface ComplaintChange<T> {
  patch?: ComplaintPatch;
  newPages?: NewPage[];
  pageOutcomes?: { pageId: number; outcome: PageOutcome; acknowledgedAt?: Date }[];
  events?: ComplaintEvent[];
  audit?: ComplaintAudit;
  cancelPrefixes?: string[];
  /** Exact timer keys to cancel (a prefix of page:1:1 would also match page:1:10). */
  cancelKeys?: string[];
  schedule?: TimerSpec[];
  /** The inbound chat event deciding the change: its events carry it, so the event's replay finds it applied. */
  sourceEventId?: number;
  result: T;
}

export interface NewComplaint {
  kind: ComplaintKind;
  via: ComplaintVia;
  receivedAt: Date;
  address: string | null;
  customerNumber: string | null;
  description: string;
  workOrderId: number | null;
  externalId: string | null;
  /** A webhook delivery's signature, stored with the complaint so that a replay is refused (unique per platform). */
  inbound?: { platform: string; eventKey: string };
  /** The inbound chat event recording it (unique: the same event never records a second complaint). */
  sourceEventId?: number | null;
}

export interface OrderQuery {
  address: string | null;
  customerNumber: string | null;
  /** Inclusive YYYY-MM-DD window of the order's scheduledDate. */
  fromDate: string;
  toDate: string;
}

export interface ComplaintStore {
  /** The most recent 開栓 order in the window with that address or customer number (compared inside the adapter). */
  findRecentOpenOrder(query: OrderQuery): Promise<LinkedOrder | undefined>;
  /** Creates the complaint and applies `start` in the same transaction. Throws ReplayedDelivery for a seen inbound key. */
  create<T>(input: NewComplaint, start: (record: ComplaintRecord) => ComplaintChange<T>): Promise<{ record: ComplaintRecord; result: T }>;
  get(id: number): Promise<ComplaintRecord | undefined>;
  byExternalId(externalId: string): Promise<ComplaintRecord | undefined>;
  /** The complaint an inbound chat event recorded (that event is being replayed after a crash), if any. */
  bySourceEvent(eventId: number): Promise<ComplaintRecord | undefined>;
  /** Re-reads the complaint inside the write funnel, lets `decide` choose, writes its change. undefined: no such complaint. */
  change<T>(id: number, at: Date, decide: (record: ComplaintRecord) => ComplaintChange<T>): Promise<{ record: ComplaintRecord; result: T } | undefined>;
  /** Events outside a state change (a card sent, a delivery that failed). */
  append(id: number, at: Date, events: ComplaintEvent[]): Promise<void>;
  /** Received in [from, to). */
  listReceived(from: Date, to: Date): Promise<ComplaintRecord[]>;
  inboundSeen(platform: string, eventKey: string): Promise<boolean>;
  /** Marks a pending timer done by its key: a step just run in-process is not run again by the runner. */
  completeTimer(dedupeKey: string): Promise<void>;
  /** Whether the timer of this key is still to run (pending): a step a crash interrupted before it ran. */
  timerPending(dedupeKey: string): Promise<boolean>;
}

/** A webhook delivery whose signature was stored before (another instance took it first). */
export class ReplayedDelivery extends Error {
  constructor() {
    super('inbound event seen before');
    this.name = 'ReplayedDelivery';
  }
}

/** Another instance wrote the same page first (unique round + position): this step has nothing left to do. */
export class StepTaken extends Error {
  constructor() {
    super('page written by another instance');
    this.name = 'StepTaken';
  }
}

/**
 * What the complaint use cases are built with. `delivery` is 'inline' in the bot (messages go out at once) and
 * 'deferred' in the CLI (the running bot's timer runner sends them); either way the steps are durable timers.
 */
export interface ComplaintDeps {
  complaints: ComplaintStore;
  staff: Pick<StaffReader, 'listPeople' | 'rosterRanges' | 'rosterOverrides' | 'explicitStaffing' | 'defaultStaffing'>;
  /** Roster overrides from chat (当番交代). */
  staffStore?: StaffStore;
  calendar: Pick<WorkCalendar, 'isWorkDay' | 'isBusinessTime' | 'nextWorkDay' | 'businessStart'>;
  gateway: Pick<ChatGateway, 'send' | 'platforms'>;
  directory: Pick<ChatDirectory, 'identitiesOf'>;
  clock: Clock;
  logger: Logger;
  policy: ComplaintPolicy;
  delivery: 'inline' | 'deferred';
  privacy?: ChatPrivacyPolicy;
}

