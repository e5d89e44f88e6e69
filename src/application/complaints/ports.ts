import type { ComplaintKind } from '../../domain/complaints/complaint-command.ts';
import type { ComplaintPatch, ComplaintPolicy, ComplaintRecord, ComplaintVia, LinkedOrder, PageOutcome } from '../../domain/complaints/complaint.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { ChatDirectory } from '../chat/ports.ts';
import type { Clock, Logger } from '../ports.ts';
import type { StaffReader, StaffStore } from '../staffing/ports.ts';
import type { TimerStore } from '../timers/ports.ts';
import type { CaseChange, CaseLog, CaseStore } from '../cases/ports.ts';

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

export interface NewPage {
  personId: string;
  round: number;
  position: number;
  outcome: PageOutcome;
}

/** What one decision changes on the complaint: its fields, the pages it writes and the outcomes of earlier pages. */
export type ComplaintUpdate = ComplaintPatch & {
  newPages?: NewPage[];
  pageOutcomes?: { pageId: number; outcome: PageOutcome; acknowledgedAt?: Date }[];
};

/** A complaint's change: like every case's, its events, audit row and timers in the transaction that read it. */
export type ComplaintChange<T> = CaseChange<ComplaintUpdate, T>;

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

/**
 * Complaints are cases like doubts and incidents (one CaseStore: the change is decided on the row read inside the
 * write funnel; `create` throws ReplayedDelivery for a seen inbound key, `change` throws StepTaken when another
 * instance wrote the same page first), with the lookups only complaints need.
 */
export interface ComplaintStore extends CaseStore<ComplaintRecord, NewComplaint, ComplaintUpdate> {
  /** The most recent 開栓 order in the window with that address or customer number (compared inside the adapter). */
  findRecentOpenOrder(query: OrderQuery): Promise<LinkedOrder | undefined>;
  byExternalId(externalId: string): Promise<ComplaintRecord | undefined>;
  /** Received in [from, to). */
  listReceived(from: Date, to: Date): Promise<ComplaintRecord[]>;
  inboundSeen(platform: string, eventKey: string): Promise<boolean>;
  /**
   * The customer number the complaint was received with and the linked order's customer (name, number): read only
   * to find them in the complaint's free text and mask them, never shown. Optional: without it only phone numbers and
   * customer-number patterns are masked.
   */
  customersOf?(complaintId: number): Promise<KnownCustomer[]>;
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
  /** Events outside a state change (a card sent, a delivery that failed). */
  log: CaseLog;
  /** A step run in-process marks its timer done; a replay asks whether the first step still waits. */
  timers: Pick<TimerStore, 'completeByKey' | 'isPending'>;
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

