import type { Clock, Logger } from '../ports.ts';
import { attemptDelivery, leaseUntilOf, refKeyOf, targetKey, type AttemptOutcome, type QueueOutcomes } from './delivery-attempt.ts';
import { causeOf, deliveryOf, type Target } from './delivery-keys.ts';
import type { ClaimedDelivery, DeliveryCauses, DeliveryStore, Recipient, StoredDelivery } from './delivery-ports.ts';
import { type ChatDirectory, type MessageRefStore, type PlatformAdapter, type PlatformTarget } from './ports.ts';
import type { FormView, MessageView, Platform } from './view.ts';

export type { Recipient } from './delivery-ports.ts';
export { DEFAULT_RELEVANCE_MS } from './delivery-keys.ts';

export interface DeliveryReport {
  delivered: { platform: Platform; ref: string }[];
  /**
   * Kept as a durable delivery after a retryable failure (429, 5xx, network), or waiting behind an earlier message
   * to the same target that is not sent yet: the recipient is reachable and the outbox sends it, in order, as soon
   * as the platform takes it. There is no message ref yet.
   */
  queued?: { platform: Platform; deliveryId: number }[];
  /** Why the recipient could not be reached (no identity on an enabled platform, platform refused). */
  failures: { platform?: Platform; reason: string }[];
}

/** Delivered now or queued for delivery: what callers that skip unreachable people ask. */
export const reached = (report: DeliveryReport): boolean => report.delivered.length + (report.queued?.length ?? 0) > 0;

export interface ChatGateway {
  send(to: Recipient, view: MessageView): Promise<DeliveryReport>;
  openForm(to: Recipient, form: FormView): Promise<DeliveryReport>;
  readonly platforms: Platform[];
}

/** Durable deliveries: every `send` is written to the outbox before its first attempt. */
export interface OutboxDeps {
  store: DeliveryStore;
  causes: DeliveryCauses;
  clock: Clock;
  /** Owner of the claims this instance makes. */
  instanceId: string;
  /** Content hash of a keyed view (part of its dedupe key). */
  hash(text: string): string;
  /** A fresh id for sends with no cause (nothing to deduplicate against). */
  newId(): string;
  /** How long a claim protects an attempt in progress (default 5 minutes; renewed while it runs with `every`). */
  leaseMs?: number;
  /** The runtime's timer that renews the claim of an attempt in progress (see AttemptDeps). */
  every?(ms: number, fn: () => void): () => void;
  /** How long a delivery stays relevant when its cause sets no limit (default 24 hours). */
  relevanceMs?: number;
  /**
   * The delivery sender's queue run: a send whose own delivery went out sends what queued behind it meanwhile, and
   * a send that found its target's queue with nobody sending it sends it from its head (up to INLINE_QUEUE_LIMIT).
   */
  queue: { sendFrom(head: ClaimedDelivery, limit: number): Promise<QueueOutcomes> };
}

export interface DeliveryDeps {
  adapters: PlatformAdapter[];
  directory: ChatDirectory;
  refs: MessageRefStore;
  logger: Logger;
  /** Without it a send goes straight to the platform and a failure is only reported (test worlds). */
  outbox?: OutboxDeps;
}

/** How long a send waits between a platform's retries in total (a 429's Retry-After of a second or two fits). */
export const INLINE_RETRY_BUDGET_MS = 3_000;

/** A send sends at most this many deliveries of its target's queue itself; the delivery sender does the rest. */
export const INLINE_QUEUE_LIMIT = 5;

/**
 * Routes a view to each recipient's platform. A person is reached on the first enabled platform they have an
 * identity on (adapter order is the preference); the bureau channel on every platform that has one. A view with a
 * key is updated in place when it was sent to the same target before. With an outbox, each target's message is a
 * durable delivery (written, then attempted at once; retried by the delivery sender until sent or no longer relevant).
 */
export function createChatGateway(deps: DeliveryDeps): ChatGateway {
  const byPlatform = new Map(deps.adapters.map((a) => [a.platform, a] as const));

  async function targetsOf(to: Recipient): Promise<Target[] | string> {
    if ('platform' in to) {
      const adapter = byPlatform.get(to.platform);
      return adapter ? [{ adapter, target: to.target }] : `platform ${to.platform} is not enabled`;
    }
    if ('channel' in to) {
      const channels = await deps.directory.bureauChannels();
      const found = deps.adapters.filter((a) => channels[a.platform]);
      if (found.length === 0) return 'no bureau channel on an enabled platform';
      return found.map((adapter) => ({ adapter, target: { kind: 'channel', channelRef: channels[adapter.platform]! } }));
    }
    const identities = await deps.directory.identitiesOf(to.personId);
    const adapter = deps.adapters.find((a) => identities[a.platform]);
    if (!adapter) return `person ${to.personId} has no identity on an enabled platform`;
    return [{ adapter, target: { kind: 'user', userRef: identities[adapter.platform]! } }];
  }

  async function postDirect(adapter: PlatformAdapter, target: PlatformTarget, view: MessageView): Promise<string> {
    const logicalKey = view.key ? refKeyOf(view.key, target) : undefined;
    const existing = logicalKey ? await deps.refs.get(adapter.platform, logicalKey) : undefined;
    const ref = await adapter.post(target, view, existing);
    if (logicalKey) await deps.refs.put(adapter.platform, logicalKey, targetKey(target), ref);
    return ref;
  }

  async function each(to: Recipient, act: (adapter: PlatformAdapter, target: PlatformTarget) => Promise<string>): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: [], failures: [] };
    const targets = await targetsOf(to);
    if (typeof targets === 'string') return unreachable(deps.logger, targets);
    for (const { adapter, target } of targets) {
      try {
        report.delivered.push({ platform: adapter.platform, ref: await act(adapter, target) });
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        report.failures.push({ platform: adapter.platform, reason });
        deps.logger.warn('chat delivery failed', { platform: adapter.platform, reason });
      }
    }
    return report;
  }

  const outbox = deps.outbox;
  return {
    platforms: deps.adapters.map((a) => a.platform),
    send: async (to, view) => {
      if (!outbox) return each(to, (adapter, target) => postDirect(adapter, target, view));
      const targets = await targetsOf(to);
      if (typeof targets === 'string') return unreachable(deps.logger, targets);
      return sendDurably({ ...deps, outbox, adapters: byPlatform, postDirect }, to, view, targets);
    },
    openForm: (to, form) =>
      each(to, async (adapter, target) => {
        // The dispatcher asks such a platform's forms as a conversation instead (form-conversation.ts).
        if (!adapter.openForm) throw new Error(`platform ${adapter.platform} opens no forms`);
        await adapter.openForm(target, form);
        return `form:${form.formId}`;
      }),
  };
}

function unreachable(logger: Logger, reason: string): DeliveryReport {
  logger.warn('chat recipient unreachable', { reason });
  return { delivered: [], failures: [{ reason }] };
}

type DurableDeps = Omit<DeliveryDeps, 'adapters' | 'outbox'> & {
  outbox: OutboxDeps;
  adapters: Map<Platform, PlatformAdapter>;
  postDirect(adapter: PlatformAdapter, target: PlatformTarget, view: MessageView): Promise<string>;
};

/**
 * Each target's message becomes a Delivery row (see deliveryOf): the same cause run again writes nothing new and
 * sends nothing twice. A new row is attempted at once unless an earlier delivery to its target is still pending: then
 * it waits in the target's queue (messages to one person arrive in the order they were sent).
 */
async function sendDurably(deps: DurableDeps, to: Recipient, view: MessageView, targets: Target[]): Promise<DeliveryReport> {
  const { outbox } = deps;
  const now = outbox.clock.now();
  const cause = causeOf(outbox);
  const report: DeliveryReport = { delivered: [], queued: [], failures: [] };
  for (const t of targets) {
    const platform = t.adapter.platform;
    const written = await outbox.store.enqueue(deliveryOf(outbox, cause, to, t, view, now), outbox.instanceId, leaseUntilOf(outbox, now)).catch((e: unknown) => {
      // The database takes no write (a full disk): the message still goes out once, without the outbox's guarantees.
      deps.logger.error('outbox not writable: sending without it', { platform, error: e instanceof Error ? e.message : String(e) });
      return undefined;
    });
    if (!written) await addDirect(deps, report, t, view);
    else if (!written.created) addStored(report, written.delivery);
    else if (written.claimed) await attemptOwn(deps, report, written.delivery);
    else if (written.head) addFromQueue(report, written.delivery, await continueQueue(deps, written.head));
    else report.queued!.push({ platform, deliveryId: written.delivery.id });
  }
  return report;
}

/** The first attempt of a new delivery; once it is done, what queued behind it meanwhile goes out too. */
async function attemptOwn(deps: DurableDeps, report: DeliveryReport, d: StoredDelivery): Promise<void> {
  const { outbox } = deps;
  // The caller may be working on an inbound event, other events wait behind it: a short wait, then the sender retries.
  const outcome = await attemptDelivery({ ...deps, ...outbox, adapters: deps.adapters }, d, false, INLINE_RETRY_BUDGET_MS);
  addOutcome(report, d, outcome);
  if (outcome.kind === 'queued') return; // the queue waits for this one's retry
  const now = outbox.clock.now();
  const next = await outbox.store.claimNext(d.targetKey, now, outbox.instanceId, leaseUntilOf(outbox, now)).catch((e: unknown) => {
    deps.logger.warn('chat delivery queue left to the sender', { deliveryId: d.id, platform: d.platform, error: e instanceof Error ? e.message : String(e) });
    return undefined;
  });
  if (next) await continueQueue(deps, next);
}

/** Sends the target's queue from a claimed head; a failure here is the delivery sender's to retry, not the caller's. */
async function continueQueue(deps: DurableDeps, head: ClaimedDelivery): Promise<QueueOutcomes> {
  try {
    return await deps.outbox.queue.sendFrom(head, INLINE_QUEUE_LIMIT);
  } catch (e) {
    deps.logger.warn('chat delivery queue left to the sender', { deliveryId: head.id, platform: head.platform, error: e instanceof Error ? e.message : String(e) });
    return new Map();
  }
}

/** A new delivery queued behind others that this send sent from the head: its own outcome, if it came to it. */
function addFromQueue(report: DeliveryReport, d: StoredDelivery, outcomes: QueueOutcomes): void {
  const own = outcomes.get(d.id);
  if (!own || own.kind === 'waiting') report.queued!.push({ platform: d.platform, deliveryId: d.id });
  else if (own.kind === 'dropped') report.delivered.push({ platform: d.platform, ref: '' }); // a newer view of it went out
  else addOutcome(report, d, own);
}

async function addDirect(deps: DurableDeps, report: DeliveryReport, { adapter, target }: Target, view: MessageView): Promise<void> {
  try {
    report.delivered.push({ platform: adapter.platform, ref: await deps.postDirect(adapter, target, view) });
  } catch (e) {
    report.failures.push({ platform: adapter.platform, reason: e instanceof Error ? e.message : String(e) });
  }
}

function addOutcome(report: DeliveryReport, d: StoredDelivery, outcome: AttemptOutcome): void {
  if (outcome.kind === 'sent') report.delivered.push({ platform: d.platform, ref: outcome.ref });
  else if (outcome.kind === 'queued') report.queued!.push({ platform: d.platform, deliveryId: d.id });
  else report.failures.push({ platform: d.platform, reason: outcome.reason });
}

/** A delivery written before (a replayed cause): reported as it stands, never sent again from here. */
function addStored(report: DeliveryReport, d: StoredDelivery): void {
  if (d.state === 'pending') report.queued!.push({ platform: d.platform, deliveryId: d.id });
  else if (d.state === 'failed') report.failures.push({ platform: d.platform, reason: d.lastError ?? 'failed' });
  // sent, or dropped because a newer view of the same key superseded it.
  else report.delivered.push({ platform: d.platform, ref: d.messageRef ?? '' });
}
