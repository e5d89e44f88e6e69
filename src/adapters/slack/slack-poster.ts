import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Clock, Logger } from '../../application/ports.ts';
import { ChatDeliveryError, type DeliveryAttempt, type PlatformTarget } from '../../application/chat/ports.ts';
import type { MessageView } from '../../application/chat/view.ts';
import { decodeRef, encodeRef, type SlackMessageId } from './message-ref.ts';
import { renderMessage, type SlackMessagePart } from './render-blocks.ts';
import { SlackDeliveryError, withRetry, type RetryPolicy, type Sleep } from './slack-retry.ts';

/** Set while a post runs with a retry budget (DeliveryAttempt.retryBudgetMs): its Web API calls wait at most that. */
const retryBudget = new AsyncLocalStorage<number>();

/** Metadata event type that marks our messages, so a post whose answer was lost can be found again. */
export const MESSAGE_EVENT_TYPE = 'kaiheisen_message';
const HISTORY_LOOKUP_LIMIT = 20;
const GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

export interface PosterDeps {
  client: webApi.WebClient;
  logger: Logger;
  clock: Clock;
  sleep: Sleep;
  retry: RetryPolicy;
  newId?: () => string;
}

interface Marker {
  key: string;
  nonce: string;
  part: number;
}

/** chat.postMessage / chat.update / files.uploadV2 with one retry policy and lost-answer recovery. */
export class SlackPoster {
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly deps: PosterDeps) {}

  private retry<T>(label: string, call: (previous: { kind: string }[]) => Promise<T>): Promise<T> {
    const budget = retryBudget.getStore();
    const policy = budget === undefined ? this.deps.retry : { ...this.deps.retry, maxTotalWaitMs: budget };
    return withRetry(label, call, policy, this.deps.sleep);
  }

  /** The channel for a target: a user's DM is opened once (conversations.open) and cached. */
  async channelOf(target: PlatformTarget): Promise<string> {
    if (target.kind === 'channel') return target.channelRef;
    const cached = this.dmChannels.get(target.userRef);
    if (cached) return cached;
    const res = await this.retry('conversations.open', () => this.deps.client.conversations.open({ users: target.userRef }));
    const id = res.channel?.id;
    if (!id) throw new ChatDeliveryError('slack', 'conversations.open returned no channel', false);
    this.dmChannels.set(target.userRef, id);
    return id;
  }

  /**
   * `attempt`: the durable delivery this is for. Its id marks the posts (stable across attempts); with
   * `resumeSince`, each part is first looked for in the channel, so an earlier attempt's post is updated, not repeated.
   */
  async post(target: PlatformTarget, view: MessageView, existingRef?: string, attempt?: DeliveryAttempt): Promise<string> {
    // Each Web API call of this post waits at most the attempt's budget between retries; then the outbox retries.
    if (attempt?.retryBudgetMs !== undefined && retryBudget.getStore() === undefined) {
      return retryBudget.run(attempt.retryBudgetMs, () => this.post(target, view, existingRef, attempt));
    }
    const parts = renderMessage(view);
    const existing = existingRef ? decodeRef(existingRef) : [];
    if (existingRef && existing.length === 0) this.deps.logger.warn('slack message ref not understood, posting anew');
    const channel = existing[0]?.channel ?? (await this.channelOf(target));
    const marker = { key: view.key ?? '', nonce: attempt?.id ?? (this.deps.newId ?? randomUUID)() };
    const resumeSince = attempt?.resumeSince ? attempt.resumeSince.getTime() / 1000 - 60 : undefined;
    const ids: SlackMessageId[] = [];
    for (const [i, part] of parts.entries()) {
      const old = existing[i];
      const updated = old ? await this.update(old, part, { ...marker, part: i }) : undefined;
      ids.push(updated ?? { channel, ts: await this.postPart(channel, part, { ...marker, part: i }, resumeSince) });
    }
    for (const extra of existing.slice(parts.length)) await this.remove(extra);
    return encodeRef(ids);
  }

  private metadata(marker: Marker) {
    return { event_type: MESSAGE_EVENT_TYPE, event_payload: { ...marker } };
  }

  /**
   * Posts one part; after an ambiguous failure (or, with `resumeSince`, an earlier attempt of the delivery), first
   * looks for the message the lost answer may have posted.
   */
  private async postPart(channel: string, part: SlackMessagePart, marker: Marker, resumeSince?: number): Promise<string> {
    const since = resumeSince ?? this.deps.clock.now().getTime() / 1000 - 60;
    return this.retry('chat.postMessage', async (previous) => {
      if (resumeSince !== undefined || previous.some((f) => f.kind === 'ambiguous')) {
        const found = await this.findPosted(channel, marker, since);
        if (found) {
          this.deps.logger.info('slack post found after a lost answer, updating it', { channel });
          // It carries this very part already: a failed touch-up must not make the caller post it a second time.
          await this.deps.client.chat.update({ channel, ts: found, ...part, metadata: this.metadata(marker) }).catch((e: unknown) => {
            this.deps.logger.warn('slack update of a post found after a lost answer failed, keeping it', { channel, error: (e as Error).message });
          });
          return found;
        }
      }
      const res = await this.deps.client.chat.postMessage({
        channel,
        ...part,
        metadata: this.metadata(marker),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!res.ts) throw new ChatDeliveryError('slack', 'chat.postMessage returned no ts', false);
      return res.ts;
    });
  }

  private async findPosted(channel: string, marker: Marker, since: number): Promise<string | undefined> {
    const res = await this.deps.client.conversations.history({
      channel,
      limit: HISTORY_LOOKUP_LIMIT,
      oldest: since.toFixed(6),
      include_all_metadata: true,
    });
    const mine = (res.messages ?? []).find((m) => {
      const meta = m.metadata as { event_type?: string; event_payload?: Partial<Marker> } | undefined;
      return meta?.event_type === MESSAGE_EVENT_TYPE && meta.event_payload?.nonce === marker.nonce && meta.event_payload.part === marker.part;
    });
    return mine?.ts;
  }

  /** Updates a message in place; undefined when it is gone (deleted, too old), so the caller posts a new one. */
  private async update(id: SlackMessageId, part: SlackMessagePart, marker: Marker): Promise<SlackMessageId | undefined> {
    try {
      await this.retry('chat.update', () => this.deps.client.chat.update({ ...id, ...part, metadata: this.metadata(marker) }));
      return id;
    } catch (e) {
      const code = e instanceof SlackDeliveryError ? e.platformError : undefined;
      if (code && GONE.has(code)) {
        this.deps.logger.warn('slack message to update is gone, posting anew', { channel: id.channel, error: code });
        return undefined;
      }
      throw e;
    }
  }

  /** A view that shrank: its extra parts are deleted (best effort, logged). */
  private async remove(id: SlackMessageId): Promise<void> {
    await this.retry('chat.delete', () => this.deps.client.chat.delete(id)).catch((e: Error) =>
      this.deps.logger.warn('slack extra message part not deleted', { channel: id.channel, error: e.message }),
    );
  }

  /** Uploads a file (files.uploadV2: getUploadURLExternal, upload, completeUploadExternal) and shares it. */
  async uploadFile(channelRef: string, bytes: Uint8Array, filename: string, title: string): Promise<string[]> {
    const channel = /^[UW][A-Z0-9]+$/.test(channelRef) ? await this.channelOf({ kind: 'user', userRef: channelRef }) : channelRef;
    const res = await this.retry('files.uploadV2', () =>
      this.deps.client.filesUploadV2({ channel_id: channel, file: Buffer.from(bytes), filename, title }),
    );
    const completions = (res.files ?? []) as { files?: { id?: string }[] }[];
    return completions.flatMap((c) => (c.files ?? []).map((f) => f.id).filter((x): x is string => Boolean(x)));
  }
}
