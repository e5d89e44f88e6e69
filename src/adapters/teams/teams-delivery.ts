import type { Activity, CloudAdapter } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { ChatDeliveryError } from '../../application/chat/ports.ts';
import type { TeamsReference } from './conversation-references.ts';
import { classifyError, deliveryError, withRetry, type RetryOptions } from './delivery-retry.ts';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from './render-card.ts';

/** What outbound calls need: the Bot Framework adapter, the bot's app id, and how to retry. */
export interface Outbound {
  cloud: CloudAdapter;
  appId: string;
  retry: RetryOptions;
}

/** Several messages (a view split to fit Teams' size limit) travel as one ref: a JSON array of activity ids. */
export function encodeRef(ids: string[]): string {
  return ids.length === 1 ? ids[0]! : JSON.stringify(ids);
}

export function decodeRef(ref: string | undefined): string[] {
  if (!ref) return [];
  if (!ref.startsWith('[')) return [ref];
  try {
    const ids = JSON.parse(ref) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [ref];
  } catch {
    return [ref];
  }
}

/**
 * The connector's HTTP pipeline retries 429/5xx on its own, sleeping on the wall clock; the adapter retries
 * itself (injectable sleep, one policy), so the SDK's retry policy is taken out of each client it creates.
 */
function withoutSdkRetry(client: ConnectorClient): ConnectorClient {
  const inner = (client as unknown as { client?: { pipeline?: { removePolicy?(o: { name: string }): unknown } } }).client;
  inner?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
  return client;
}

type Work<T> = (client: ConnectorClient, conversationId: string) => Promise<T>;

/** Runs `work` as the bot in the referenced conversation (proactive: works after a restart, from a stored reference). */
export async function inConversation<T>(o: Outbound, reference: TeamsReference, work: Work<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await o.cloud.continueConversationAsync(o.appId, reference, async (ctx) => {
      const client = withoutSdkRetry(ctx.turnState.get<ConnectorClient>(o.cloud.ConnectorClientKey));
      result = { value: await work(client, ctx.activity.conversation.id) };
    });
  } catch (e) {
    if (e instanceof ChatDeliveryError) throw e;
    throw Object.assign(deliveryError(classifyError(e), 1), { cause: e });
  }
  if (!result) throw new ChatDeliveryError('teams', 'Teams: the conversation did not run', true);
  return result.value;
}

const cardActivity = (card: AdaptiveCard, summary: string, id?: string): Partial<Activity> => ({
  type: 'message',
  ...(id ? { id } : {}),
  summary,
  attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
});

const isNotFound = (e: unknown) => e instanceof ChatDeliveryError && (e.cause as { statusCode?: number } | undefined)?.statusCode === 404;

/**
 * Posts the cards, or updates the messages `existing` in place: card i replaces message i, extra cards are
 * posted, extra old messages deleted. A message that is gone (404) is posted anew. Returns the message ids.
 */
export function deliverCards(o: Outbound, reference: TeamsReference, cards: AdaptiveCard[], summary: string, existing: string[] = []): Promise<string[]> {
  return inConversation(o, reference, async (client, conversationId) => {
    const send = async (card: AdaptiveCard) =>
      (await withRetry(() => client.conversations.sendToConversation(conversationId, cardActivity(card, summary) as Activity), o.retry)).id ?? '';
    const update = async (id: string, card: AdaptiveCard) => {
      try {
        await withRetry(() => client.conversations.updateActivity(conversationId, id, cardActivity(card, summary, id) as Activity), o.retry);
        return id;
      } catch (e) {
        if (isNotFound(e)) return send(card);
        throw e;
      }
    };
    const ids: string[] = [];
    for (const [i, card] of cards.entries()) ids.push(i < existing.length ? await update(existing[i]!, card) : await send(card));
    for (const stale of existing.slice(cards.length)) {
      await withRetry(() => client.conversations.deleteActivity(conversationId, stale), o.retry).catch((e: unknown) => {
        if (!isNotFound(e)) throw e;
      });
    }
    return ids;
  });
}

/** Replaces one message's card (a submitted form); no fallback post when it is gone. */
export async function updateCard(o: Outbound, reference: TeamsReference, activityId: string, card: AdaptiveCard, summary: string): Promise<void> {
  await inConversation(o, reference, (client, conversationId) =>
    withRetry(() => client.conversations.updateActivity(conversationId, activityId, cardActivity(card, summary, activityId) as Activity), o.retry),
  );
}
