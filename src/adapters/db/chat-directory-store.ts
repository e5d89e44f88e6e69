import type { ChatDirectory, MessageRefStore } from '../../application/chat/ports.ts';
import { toChatPerson } from './chat-people-store.ts';
import type { Platform } from '../../application/chat/view.ts';
import type { Database } from './database.ts';

const BUREAU_CHANNEL_KEY = 'channel:bureau';

export function createChatDirectory(db: Database): ChatDirectory {
  return {
    async personByIdentity(platform, userRef) {
      const identity = await db.read.chatIdentity.findUnique({
        where: { platform_externalId: { platform, externalId: userRef } },
        include: { person: true },
      });
      return identity ? toChatPerson(identity.person) : undefined;
    },
    async identitiesOf(personId) {
      const rows = await db.read.chatIdentity.findMany({ where: { personId } });
      return Object.fromEntries(rows.map((r) => [r.platform, r.externalId])) as Partial<Record<Platform, string>>;
    },
    async bureauChannels() {
      const rows = await db.read.chatConversation.findMany({ where: { key: BUREAU_CHANNEL_KEY } });
      return Object.fromEntries(rows.map((r) => [r.platform, r.address])) as Partial<Record<Platform, string>>;
    },
  };
}

export function createMessageRefStore(db: Database): MessageRefStore {
  return {
    async get(platform, logicalKey) {
      const row = await db.read.outboundMessage.findUnique({ where: { platform_logicalKey: { platform, logicalKey } } });
      return row?.messageRef;
    },
    async put(platform, logicalKey, channel, messageRef) {
      await db.write((tx) =>
        tx.outboundMessage.upsert({
          where: { platform_logicalKey: { platform, logicalKey } },
          create: { platform, logicalKey, channel, messageRef },
          update: { messageRef, channel },
        }),
      );
    },
  };
}
