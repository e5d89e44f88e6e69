import type { PlatformTarget } from './ports.ts';
import type { MessageView, Platform } from './view.ts';

/** Whom a message is for: a person (reached where their staff record says), the bureau channel, or a raw platform user. */
export type Recipient =
  | { personId: string }
  | { channel: 'bureau' }
  | { platform: Platform; target: PlatformTarget };

/**
 * What caused the sends running now: an inbound event ('event:42'), a daily job ('morning-post:2026-03-27'), a
 * durable timer ('timer:17'). Deliveries are keyed by it, so running the same cause again sends nothing twice.
 */
export interface DeliveryCause {
  key: string;
  /** The daily job the deliveries belong to (a job is done when its deliveries are). */
  jobKey?: string;
  /** Deliveries of this cause are no longer relevant after this instant (e.g. the end of the work day). */
  relevantUntil?: Date;
  /** The next sequence number within the cause: the n-th send of a replayed cause gets the same key. */
  next(): number;
}

/** Reads the cause of the code running now (an AsyncLocalStorage scope in the runtime). */
export interface DeliveryCauses {
  current(): DeliveryCause | undefined;
}

export type DeliveryState = 'pending' | 'sent' | 'failed' | 'dropped';

export interface NewDelivery {
  dedupeKey: string;
  platform: Platform;
  to: Recipient;
  target: PlatformTarget;
  view: MessageView;
  /** platform + view key + target, for keyed views (update in place; a newer one supersedes). */
  logicalKey?: string;
  /** platform + target: the queue it joins (deliveries to one target go out in the order they were written). */
  targetKey: string;
  jobKey?: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface StoredDelivery extends NewDelivery {
  id: number;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  alertedAt?: Date;
  messageRef?: string;
  sentAt?: Date;
}

/** Without the view (listings, status): nothing personal. */
export type DeliverySummary = Omit<StoredDelivery, 'view' | 'to' | 'targetKey'>;

/** A delivery claimed for an attempt. */
export interface ClaimedDelivery extends StoredDelivery {
  /**
   * An earlier claim never ended (its process died during the attempt; its lease ran out or a restart took the claim
   * back): the platform may have the message already, so the attempt looks for it before it posts.
   */
  interrupted: boolean;
}

export interface EnqueueResult {
  delivery: StoredDelivery;
  /** false: the dedupe key was written before (a replayed cause); nothing new to send. */
  created: boolean;
  /** Claimed by the caller for its first attempt; false when it is queued behind an earlier pending delivery to its target. */
  claimed: boolean;
  /**
   * Queued, and the earliest pending delivery of its target was due and nobody was sending it (left by a stopped or
   * crashed process, or freed when an older view was superseded): claimed by the caller, who sends the queue from it.
   */
  head?: ClaimedDelivery;
}

export interface DeliveryBacklog {
  pending: number;
  /** Pending deliveries admins were told about (they keep failing). */
  stuck: number;
  /** Given up within the last day: still unsent when no longer relevant (admins were told). */
  failed: number;
  /** Refused by the platform at once within the last day (reported to the sender's use case, e.g. a page skips the person). */
  refused: number;
  oldestPendingAt?: Date;
}

/**
 * The outbox (Delivery rows). Claims are conditional updates with a lease: two instances never send the same
 * delivery. Deliveries to one target (`targetKey`) form a queue: only its earliest pending delivery (its head) is
 * ever claimed, so a target's messages go out in the order they were written, by one sender at a time.
 */
export interface DeliveryStore {
  /**
   * Writes the delivery unless its dedupe key exists. Older pending deliveries of the same logical key that nobody
   * is sending are dropped (superseded) first. With no earlier pending delivery to its target it is claimed by
   * `owner` until `leaseUntil` (the caller attempts it at once); otherwise it is queued behind them (see `head`).
   * One transaction.
   */
  enqueue(d: NewDelivery, owner: string, leaseUntil: Date): Promise<EnqueueResult>;
  /**
   * The heads of the target queues that are due at `now` and free (nobody sending them), claimed for `owner`:
   * those with fewer failed attempts first, then the oldest.
   */
  claimDue(now: Date, owner: string, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]>;
  /** The head of the target's queue, claimed for `owner` when it is due and free; otherwise nothing. */
  claimNext(targetKey: string, now: Date, owner: string, leaseUntil: Date): Promise<ClaimedDelivery | undefined>;
  /** Extends `owner`'s claim while an attempt runs; false when the claim is no longer its own (or the delivery is done). */
  renew(id: number, owner: string, leaseUntil: Date): Promise<boolean>;
  markSent(id: number, messageRef: string, now: Date): Promise<void>;
  /** Counts the failed attempt, keeps it pending until `nextAttemptAt`, releases the claim. */
  retryLater(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Gives it up: `failed` (refused, or no longer relevant) or `dropped` (superseded); `attempted`: counts an attempt. */
  finish(id: number, state: 'failed' | 'dropped', reason: string, now: Date, attempted?: boolean): Promise<void>;
  /** Gives the claim back unattempted. */
  release(id: number): Promise<void>;
  markAlerted(id: number, now: Date): Promise<void>;
  /** A newer delivery of the same logical key exists (pending or sent): this one must not overwrite it. */
  superseded(d: StoredDelivery): Promise<boolean>;
  /** Releases every claim of `owner` (a clean stop): the next instance retries at once (looking first, as after a cut-off attempt). */
  releaseAll(owner: string): Promise<number>;
}
