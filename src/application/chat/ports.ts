import type { FormView, MessageView, Platform } from './view.ts';

/** What an inbound chat event carries once a platform adapter has translated it. */
export type InboundPayload =
  | { type: 'text'; text: string; files?: InboundFile[] }
  | { type: 'button'; actionId: string; value: string }
  | { type: 'form'; formId: string; state: string; values: Record<string, string | string[] | undefined>; files?: InboundFile[] };

export interface InboundFile {
  /** Platform file reference (Slack file id, Teams attachment content URL). */
  ref: string;
  name?: string;
  mimeType?: string;
}

export interface InboundEnvelope {
  platform: Platform;
  /** De-duplication key: Slack event_id, or action ts + user; Teams activity.id; console sequence. */
  eventKey: string;
  /** The sender's platform user id (Slack U…, Teams AAD object id, console name). */
  userRef: string;
  /** Where the event came from: a DM/channel id, or the serialized Teams conversation reference. */
  conversationRef?: string;
  /** Whether the event came from the bureau channel (complaints are taken there). */
  inChannel?: boolean;
  receivedAt: Date;
  payload: InboundPayload;
}

/** The answer the core gives synchronously: the event was stored (or was a duplicate), and a form to open now, if any. */
export interface InboundReceipt {
  duplicate: boolean;
  form?: FormView;
  /** Field errors to show on the submitted form (Slack: response_action 'errors'), keyed by field id. */
  formErrors?: Record<string, string>;
}

/** The chat core as platform adapters see it. Adapters call this and nothing else of the application. */
export interface ChatInbound {
  /**
   * Stores the event first (deduplicated on platform + eventKey), then processes it in the background.
   * Resolves once the row is committed, so an adapter may acknowledge the platform right after; rejects when it could
   * not be stored (e.g. a full disk), and then the adapter must answer with an error so the platform retries.
   */
  receive(envelope: InboundEnvelope): Promise<InboundReceipt>;
}

/** A file (a report PDF or CSV) as a platform receives it. */
export interface ChatFile {
  bytes: Uint8Array;
  filename: string;
  title: string;
  /** Posted with the path where a platform saves the file locally (the console). */
  savedNote(path: string): string;
}

export type PlatformTarget = { kind: 'user'; userRef: string } | { kind: 'channel'; channelRef: string };

/**
 * What each chat platform implements. A new platform is one new adapter folder implementing this, and one line in
 * the platform registry (src/assembly/platforms/registry.ts); docs/adding-a-platform.md has the checklist. The
 * optional members are capabilities: a platform without one gets the fallback the comment names.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  /**
   * Hands the platform's inbound events to the chat core from now on. Called once, after every feature's routes
   * exist and before start(). Absent: the platform only sends.
   */
  receiveInto?(inbound: ChatInbound): void;
  /**
   * The platform opens a button's form itself while the press is being acknowledged (Slack: its trigger_id lives
   * 3 s), and shows a submitted form's field errors on the form. Absent: the form is posted after the event is worked.
   */
  readonly opensFormsOnReceipt?: boolean;
  /**
   * Puts a file in front of the target (Slack: uploaded; the console: saved next to the database and its path posted);
   * returns what happened, for the record (file ids, a path). Absent: the target gets the file's `commandNote` (the
   * CLI command that writes the same file).
   */
  uploadFile?(target: PlatformTarget, file: ChatFile): Promise<string>;
  /**
   * Posts the view, or updates the message `existingRef` in place. Returns the platform's message reference.
   * Retries transient failures itself (429 with Retry-After, 5xx, network) with backoff; throws ChatDeliveryError when it gives up.
   * `attempt`: the durable delivery this post is for (the outbox retries it later when this call gives up).
   */
  post(target: PlatformTarget, view: MessageView, existingRef?: string, attempt?: DeliveryAttempt): Promise<string>;
  /**
   * Opens a form for the user who just pressed a button (Slack: a modal on its trigger_id; Teams: a card with inputs;
   * the console: its /form prompt). Absent: the chat core asks the form's fields one at a time in the person's direct
   * messages and submits the answers as the form (src/application/chat/form-conversation.ts).
   */
  openForm?(target: PlatformTarget, form: FormView, triggerRef?: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * The bot is stopping: stop waiting between retries now. A post waiting for its next try fails as retryable, and
   * its delivery stays in the outbox for the next start. Absent: the platform does not wait between retries.
   */
  interruptRetries?(): void;
  /** Whether the platform can be reached now (for /readyz and status); absent: nothing to check. */
  health?(): PlatformHealth;
}

export interface PlatformHealth {
  ok: boolean;
  /** For the operator (English, no personal data): e.g. "socket mode: connected", "last post failed at …". */
  detail?: string;
}

/** One attempt of a durable delivery, as a platform adapter sees it. */
export interface DeliveryAttempt {
  /** Stable across the attempts of one delivery (Slack marks its posts with it). */
  id: string;
  /**
   * Set when an earlier attempt may have posted already (it failed ambiguously, or its process died): an adapter
   * that can look for its own earlier post (Slack: message metadata) does so first, instead of posting twice.
   */
  resumeSince?: Date;
  /**
   * The longest this call may wait between its own retries, in total: the send happens while an inbound event is
   * worked on and the other events wait behind it. Beyond it a retryable failure is left to the outbox's retries.
   */
  retryBudgetMs?: number;
}

export class ChatDeliveryError extends Error {
  constructor(
    readonly platform: Platform,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ChatDeliveryError';
  }
}

// ---- ports the chat core needs from storage ----

export interface StoredInbound {
  id: number;
  envelope: InboundEnvelope;
  /** How many times processing of it started (claims), counting attempts a crash interrupted. */
  attempts: number;
}

/**
 * The inbox's table. Events are claimed with an owner (the instance) and a lease; one sender's events (platform +
 * user ref) are taken in the order they were stored, whichever instance received them.
 */
export interface InboxStore {
  /** Inserts the event once the commit is confirmed (else throws); `duplicate` when platform + eventKey was stored before (by any instance). */
  store(envelope: InboundEnvelope): Promise<{ id: number; duplicate: boolean }>;
  /**
   * The oldest event `owner` may take at `now`: unfinished, no live lease of another owner (its own claims are free to
   * it), no earlier unfinished event of its sender; `skip` left out.
   */
  next(now: Date, owner: string, skip?: number[]): Promise<{ id: number; attempts: number } | undefined>;
  /** Takes the event if it is still free: owner and lease set, attempts + 1. The new attempt count, or undefined when lost. */
  claim(id: number, owner: string, now: Date, leaseUntil: Date): Promise<number | undefined>;
  load(id: number): Promise<StoredInbound | undefined>;
  markDone(id: number, now: Date): Promise<void>;
  /** Gives a claimed event back after a failed attempt (the error is kept) so it is tried again. */
  /** Gives a claimed event back; `uncount`: the attempt did not count (it never ran: see inbox.ts holdOff). */
  release(id: number, owner: string, error: string, options?: { uncount?: boolean }): Promise<void>;
  /** Parks the event (state failed, error kept) unless someone else holds a live lease. True when this call parked it. */
  park(id: number, owner: string, error: string, now: Date): Promise<boolean>;
  /** Unfinished events `owner` may take now (no live lease of another owner). */
  countFree(now: Date, owner: string): Promise<number>;
  /** Every unfinished event (held or not), oldest first. */
  unfinished(): Promise<StoredInbound[]>;
}

export interface ChatPerson {
  id: string;
  displayName: string;
  affiliation: 'contractor' | 'bureau';
  canSupervise: boolean;
  isAdmin: boolean;
  active: boolean;
}

export interface ChatDirectory {
  /** The active or inactive person behind a platform identity, or undefined for a stranger. */
  personByIdentity(platform: Platform, userRef: string): Promise<ChatPerson | undefined>;
  /** The person's identities, platform → user ref. */
  identitiesOf(personId: string): Promise<Partial<Record<Platform, string>>>;
  /** The bureau channel per platform, when configured. */
  bureauChannels(): Promise<Partial<Record<Platform, string>>>;
}

export interface MessageRefStore {
  get(platform: Platform, logicalKey: string): Promise<string | undefined>;
  put(platform: Platform, logicalKey: string, channel: string, messageRef: string): Promise<void>;
}
