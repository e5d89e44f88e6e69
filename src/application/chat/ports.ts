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
   * Resolves once stored, so an adapter may acknowledge the platform right after.
   */
  receive(envelope: InboundEnvelope): Promise<InboundReceipt>;
}

export type PlatformTarget = { kind: 'user'; userRef: string } | { kind: 'channel'; channelRef: string };

/** What each chat platform implements. A new platform is one new adapter folder implementing this. */
export interface PlatformAdapter {
  readonly platform: Platform;
  /**
   * Posts the view, or updates the message `existingRef` in place. Returns the platform's message reference.
   * Retries transient failures itself (429 with Retry-After, 5xx, network) with backoff; throws ChatDeliveryError when it gives up.
   */
  post(target: PlatformTarget, view: MessageView, existingRef?: string): Promise<string>;
  /** Opens a form for the user who just pressed a button (Slack trigger_id); platforms without modals post it as a card. */
  openForm(target: PlatformTarget, form: FormView, triggerRef?: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
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
}

export interface InboxStore {
  /** Inserts the event; `duplicate` when platform + eventKey was stored before (by any instance). */
  store(envelope: InboundEnvelope): Promise<{ id: number; duplicate: boolean }>;
  markDone(id: number): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** Events stored but never finished (a crash after the acknowledgement), oldest first. */
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
