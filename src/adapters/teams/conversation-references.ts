import type { Activity, ConversationReference } from 'botbuilder';
import { ChatDeliveryError, type PlatformTarget } from '../../application/chat/ports.ts';
import { t } from '../../templates.ts';

/** Where proactive posts go, kept in the database (ChatConversation) so they survive a restart. */
export interface ConversationStore {
  find(platform: string, key: string): Promise<string | undefined>;
  /** Stores the address under the key (a no-op when it is already the same). */
  save(platform: string, key: string, address: string): Promise<void>;
}

export type TeamsReference = Partial<ConversationReference>;

export const PLATFORM = 'teams';
export const BUREAU_KEY = 'channel:bureau';
export const userKey = (aadObjectId: string) => `user:${aadObjectId}`;
/** Every channel the bot was used in, by Teams channel id (lets the staff file name the bureau channel by id). */
export const teamsChannelKey = (channelId: string) => `teams-channel:${channelId}`;

/** The channel's own id: a message in a thread has `19:…@thread.tacv2;messageid=…` as its conversation id. */
export function channelIdOf(activity: Activity): string | undefined {
  const fromData = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  return fromData ?? activity.conversation?.id?.split(';')[0];
}

/**
 * The reference to keep for proactive posts: no activity id (a post is a new message, not a reply), no display
 * names, and for a channel the channel itself rather than the thread the activity came from.
 */
export function storableReference(activity: Activity, channelId?: string): TeamsReference {
  const conversation = { ...activity.conversation, ...(channelId ? { id: channelId } : {}) };
  const ref: TeamsReference = {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    conversation,
    bot: activity.recipient ? { id: activity.recipient.id, name: activity.recipient.name } : undefined,
  };
  if (!channelId && activity.from) ref.user = { id: activity.from.id, aadObjectId: activity.from.aadObjectId, name: '' };
  return ref;
}

/** Remembers where the sender (personal chat) or the channel can be reached. Called for every inbound activity. */
export async function rememberConversation(store: ConversationStore, activity: Activity, bureauChannelId?: string): Promise<void> {
  const type = activity.conversation?.conversationType;
  if (type === 'personal' && activity.from?.aadObjectId) {
    await store.save(PLATFORM, userKey(activity.from.aadObjectId), JSON.stringify(storableReference(activity)));
    return;
  }
  const channelId = type === 'channel' ? channelIdOf(activity) : undefined;
  if (!channelId) return;
  const address = JSON.stringify(storableReference(activity, channelId));
  await store.save(PLATFORM, teamsChannelKey(channelId), address);
  if (bureauChannelId && bureauChannelId !== channelId) return;
  // The staff file may name the bureau channel by id: never overwrite such an address with a reference.
  const current = await store.find(PLATFORM, BUREAU_KEY);
  if (current === undefined || current.startsWith('{')) await store.save(PLATFORM, BUREAU_KEY, address);
}

function parseReference(json: string): TeamsReference | undefined {
  try {
    const ref = JSON.parse(json) as TeamsReference;
    return ref && typeof ref === 'object' && ref.serviceUrl && ref.conversation?.id ? ref : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored reference for a target. A channel ref is either a serialized reference (the bureau channel row, or
 * an inbound event's conversationRef: a reply lands in its thread) or a Teams channel id seen before.
 */
export async function resolveTarget(store: ConversationStore, target: PlatformTarget): Promise<TeamsReference> {
  if (target.kind === 'user') {
    const stored = await store.find(PLATFORM, userKey(target.userRef));
    const ref = stored ? parseReference(stored) : undefined;
    if (!ref) throw new ChatDeliveryError('teams', t('teams.delivery.unreachableUser', { userRef: target.userRef }), false);
    return ref;
  }
  const raw = target.channelRef.trim();
  const stored = raw.startsWith('{') ? raw : await store.find(PLATFORM, teamsChannelKey(raw));
  const ref = stored ? parseReference(stored) : undefined;
  if (!ref) {
    const shown = raw.startsWith('{') ? '(reference)' : raw;
    throw new ChatDeliveryError('teams', t('teams.delivery.unreachableChannel', { channelRef: shown }), false);
  }
  return ref;
}
