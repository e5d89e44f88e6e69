import { targetKey } from './delivery-attempt.ts';
import type { DeliveryCauses, NewDelivery, Recipient } from './delivery-ports.ts';
import type { PlatformAdapter, PlatformTarget } from './ports.ts';
import type { MessageView } from './view.ts';

/*
 * What a durable send is keyed by: its cause and its number in it (so a replayed cause writes nothing new), and the
 * queue it joins: its target, platform + user or channel (messages to one target go out in the order written).
 */

/** How long a delivery stays relevant when its cause sets no limit. */
export const DEFAULT_RELEVANCE_MS = 24 * 60 * 60_000;
/** Longer targets are hashed in the keys. */
const LONG_TARGET = 80;

export type Target = { adapter: PlatformAdapter; target: PlatformTarget };

/** What the keys are made from (OutboxDeps). */
export interface KeyDeps {
  causes: DeliveryCauses;
  hash(text: string): string;
  newId(): string;
  relevanceMs?: number;
}

export interface Cause {
  key: string;
  seq: number;
  jobKey?: string;
  relevantUntil?: Date;
}

/** The current cause, or a one-off one (nothing to deduplicate against); the send takes the cause's next number. */
export function causeOf(outbox: KeyDeps): Cause {
  const cause = outbox.causes.current();
  if (!cause) return { key: `once:${outbox.newId()}`, seq: 0 };
  return { key: cause.key, seq: cause.next(), ...(cause.jobKey ? { jobKey: cause.jobKey } : {}), ...(cause.relevantUntil ? { relevantUntil: cause.relevantUntil } : {}) };
}

/**
 * Keyed by the cause and the send's number in it; a keyed view by cause + key + target + content instead. It joins
 * the queue of its target (platform + user or channel).
 */
export function deliveryOf(outbox: KeyDeps, cause: Cause, to: Recipient, { adapter, target }: Target, view: MessageView, now: Date): NewDelivery {
  const platform = adapter.platform;
  const where = shortTarget(outbox, target);
  const logicalKey = view.key ? `${platform}:${view.key}@${where}` : undefined;
  return {
    dedupeKey: logicalKey ? `${cause.key}|${logicalKey}|${outbox.hash(JSON.stringify(view)).slice(0, 32)}` : `${cause.key}#${cause.seq}@${platform}:${where}`,
    platform,
    to,
    target,
    view,
    ...(logicalKey ? { logicalKey } : {}),
    targetKey: `${platform}:${where}`,
    ...(cause.jobKey ? { jobKey: cause.jobKey } : {}),
    expiresAt: cause.relevantUntil ?? new Date(now.getTime() + (outbox.relevanceMs ?? DEFAULT_RELEVANCE_MS)),
    createdAt: now,
  };
}

function shortTarget(outbox: KeyDeps, target: PlatformTarget): string {
  const key = targetKey(target);
  return key.length > LONG_TARGET ? `${target.kind}:#${outbox.hash(key).slice(0, 32)}` : key;
}
