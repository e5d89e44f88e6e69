import type { StaffDirectory } from '../staffing/ports.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import type { UsageAlertThresholds } from '../../domain/results/reading-check.ts';
import type { ResultDraft } from '../../domain/results/result-draft.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { InboundFile } from '../chat/ports.ts';
import type { Platform } from '../chat/view.ts';
import type { ConsentCheck } from '../overtime/consent-for.ts';
import type { Clock, Logger } from '../ports.ts';

/**
 * An order as the results flow sees it. Deliberately without customer name, kana, phone or customer number:
 * what is not read cannot leak into a message.
 */
export interface ResultOrderInfo {
  orderNo: string;
  kind: TaskKind;
  meterWork: MeterWork | null;
  diameterMm: number | null;
  /** The meter on record (メーター番号): not personal, shown to help spot a different meter. */
  meterNumber: string | null;
  previousReading: number | null;
  previousUsage: number | null;
  address: string;
  town: string;
  scheduledDate: string;
  /** open | done | absent | not_done | carried_over | cancelled */
  status: string;
  assignment: { personId: string; date: string } | null;
  hasResult: boolean;
}

/** A photo or video with the platform it came from (Attachment row). */
export interface StoredFile extends InboundFile {
  platform: Platform;
}

/** A result as recorded: the draft's fields plus who, when, through which channel, and the flags computed then. */
export interface RecordedResult extends ResultDraft {
  orderNo: string;
  personId: string;
  outcome: NonNullable<ResultDraft['outcome']>;
  channel: string;
  recordedAt: Date;
  afterHours: boolean;
  afterHoursConsentId: number | null;
  photoCount: number;
}

export interface NewResult {
  orderNo: string;
  personId: string;
  channel: string;
  recordedAt: Date;
  /** A complete draft (validateResult found nothing), with the reading checks' flags set. */
  draft: ResultDraft & { outcome: NonNullable<ResultDraft['outcome']> };
  afterHours: boolean;
  afterHoursConsentId: number | null;
  files: StoredFile[];
  /** The inbound chat event recording it: kept on the result, so a replay of the event records nothing again. */
  sourceEventId?: number | null;
  /**
   * A text conversation ends with this result: its row is closed in the same transaction, keeping `said` (what
   * the worker is told before the recorded result) for a replay. Without it, the person's conversation about the
   * same order is dropped (a form recorded it).
   */
  conversation?: { said: string };
}

export type RecordOutcome =
  | { status: 'recorded'; result: RecordedResult }
  | { status: 'exists'; result: RecordedResult }
  | { status: 'notAssignee'; assigneeId: string | null }
  | { status: 'notOpen'; orderStatus: string }
  | { status: 'unknownOrder' };

export interface ResultStore {
  byNo(orderNo: string): Promise<ResultOrderInfo | undefined>;
  /**
   * Orders assigned on the date (to anyone) and orders scheduled on it, each once; `only` keeps those whose number
   * ends with the text and those assigned (on any date) to the person.
   */
  ofDay(date: string, only?: { orderNoEndsWith?: string; assigneeId?: string }): Promise<ResultOrderInfo[]>;
  recorded(orderNo: string): Promise<RecordedResult | undefined>;
  /** The order's customer name and number, only to find them in free text and mask them (never shown as such). */
  customerOf(orderNo: string): Promise<KnownCustomer | undefined>;
  /** The result an inbound event recorded, if any (that event is being replayed). */
  bySourceEvent(eventId: number): Promise<RecordedResult | undefined>;
  /**
   * One transaction: re-reads the order and its result, then writes TaskResult, WorkOrder.status, MeterMovement,
   * ConsumableUse, Attachment and AuditLog rows, and ends the person's conversation about the order (PendingReply).
   * An order that has a result already is left alone ('exists'), unless that result came from the same source
   * event ('recorded': a replay).
   */
  record(input: NewResult): Promise<RecordOutcome>;
  /** Photos added to a recorded result (with an AuditLog row), each platform file once; returns the result's photo count. */
  addPhotos(orderNo: string, files: StoredFile[], actor: { personId: string; channel: string }, at: Date): Promise<number>;
}

/**
 * One multi-step text reply per person (PendingReply): survives a restart. The open question remembers the inbound
 * event that asked it and the newest event stored at that moment: an answer applies only when it is newer.
 */
export interface PendingReply {
  personId: string;
  orderNo: string;
  step: string;
  /** JSON of the flow state. */
  state: string;
  expiresAt: Date;
  /** The inbound event whose processing asked the open question (null outside the inbox: CLI, tests). */
  sourceEventId?: number | null;
  /** An answer applies only when its event id is greater: the highest inbound event id stored when it was asked. */
  askedAfterEventId?: number | null;
  /** What the bot answered the source event (sent again when that event is replayed). */
  said?: string | null;
}

/** What a conversation row remembers of the event that last changed it. */
export interface ConversationMark {
  said: string | null;
  /** The event ended the conversation (recorded its result). */
  closed: boolean;
}

export interface PendingReplyStore {
  /** The person's open conversation (a closed one is not returned). */
  get(personId: string): Promise<PendingReply | undefined>;
  /**
   * Saves the open question. The marker (askedAfterEventId) is the newest stored inbound event id at the write;
   * `sameQuestion` (the question asked again, unchanged) keeps the marker it had, so answers written since still apply.
   */
  put(reply: Omit<PendingReply, 'askedAfterEventId'>, options?: { sameQuestion?: boolean }): Promise<void>;
  remove(personId: string): Promise<void>;
  /** The person's conversation row (open or closed) when `eventId` was the last event to change it. */
  markOf(personId: string, eventId: number): Promise<ConversationMark | undefined>;
}

export type ResultsDirectory = Pick<StaffDirectory, 'names' | 'supervisorsOn'>;

export type ConsentFor = (orderNo: string, at: Date) => Promise<ConsentCheck>;

/** Everything the results use cases are built with. */
export interface ResultsDeps {
  results: ResultStore;
  pending: PendingReplyStore;
  directory: ResultsDirectory;
  /** Re-sends the worker's day message(s) of the date under their keys, so an order shows as finished in place. */
  refreshWorkerDay(personId: string, date: string): Promise<void>;
  gateway: Pick<ChatGateway, 'send'>;
  consentFor: ConsentFor;
  clock: Clock;
  logger: Logger;
  thresholds: UsageAlertThresholds;
  privacy: ChatPrivacyPolicy;
  /** How long a text flow waits for the next answer (default 30 minutes). */
  pendingMinutes?: number;
}

export const DEFAULT_PENDING_MINUTES = 30;
