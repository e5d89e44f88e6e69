import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { sha256Hex } from '../../adapters/crypto/content-hash.ts';
import { createChatPeople } from '../../adapters/db/chat-people-store.ts';
import { createDeliveryStore } from '../../adapters/db/delivery-store.ts';
import { deliveryCauses } from '../../adapters/scheduler/delivery-cause.ts';
import type { Poller } from '../../adapters/scheduler/scheduler.ts';
import type { OutboxDeps } from '../../application/chat/delivery.ts';
import { createDeliverySender } from '../../application/chat/delivery-sender.ts';
import type { ChatDirectory, MessageRefStore, PlatformAdapter } from '../../application/chat/ports.ts';

/** How often the delivery sender looks for due retries on the wall clock (the first retry comes after 5 s). */
const DELIVERY_POLL_MS = 5_000;
export const DELIVERY_POLLER = { name: 'chat-deliveries', everyMs: DELIVERY_POLL_MS } as const;
/**
 * How long a claim on a delivery holds without renewal. An attempt in progress renews it every third of it (a
 * platform may ask to wait minutes), so a crashed process's claims, and with them the queues of their targets, are
 * free again within a minute.
 */
export const DELIVERY_LEASE_MS = 60_000;

/** The wall-clock timer that renews claims while attempts run (unref: it never keeps the process alive). */
const every = (ms: number, fn: () => void): (() => void) => {
  const handle = setInterval(fn, ms);
  handle.unref();
  return () => clearInterval(handle);
};

/** How claims on deliveries are held: the lease, and what renews it while an attempt runs (tests: by hand). */
export interface OutboxOptions {
  leaseMs?: number;
  every?: (ms: number, fn: () => void) => () => void;
}

export interface Outbox {
  /** What the chat gateway needs to write every send as a durable delivery. */
  deps: OutboxDeps;
  /** The delivery sender, ticked with the other pollers. */
  poller: Poller;
  /** On a clean stop: this instance's claims are released, so the next start (or another instance) retries at once. */
  releaseClaims(): Promise<number>;
}

/** The outbox of a running bot (or a CLI command that posts): Delivery rows, the sender, the admins it alerts. */
export function createOutbox(
  ctx: AppContext,
  chat: { adapters: PlatformAdapter[]; directory: ChatDirectory; refs: MessageRefStore },
  instanceId = `bot-${randomUUID().slice(0, 8)}`,
  options: OutboxOptions = {},
): Outbox {
  const leaseMs = options.leaseMs ?? DELIVERY_LEASE_MS;
  const renew = options.every ?? every;
  const store = createDeliveryStore(ctx.db);
  const people = createChatPeople(ctx.db);
  const sender = createDeliverySender({
    store,
    refs: chat.refs,
    adapters: new Map(chat.adapters.map((a) => [a.platform, a] as const)),
    directory: chat.directory,
    clock: ctx.clock,
    logger: ctx.logger,
    instanceId,
    leaseMs,
    every: renew,
    admins: async () => (await people.listActive()).filter((p) => p.isAdmin).map((p) => p.id),
  });
  return {
    deps: { store, causes: deliveryCauses, clock: ctx.clock, instanceId, leaseMs, every: renew, hash: sha256Hex, newId: randomUUID, queue: sender },
    poller: { ...DELIVERY_POLLER, tick: sender.tick },
    releaseClaims: () => store.releaseAll(instanceId),
  };
}
