import type { Clock } from '../../application/ports.ts';
import type { Database } from './database.ts';

/** Platform addresses by key (ChatConversation): Teams conversation references, the bureau channel, … */
export interface ConversationAddressStore {
  find(platform: string, key: string): Promise<string | undefined>;
  /** Upserts the address; does nothing when it is unchanged, so calling it on every inbound event is cheap. */
  save(platform: string, key: string, address: string): Promise<void>;
}

export function createConversationStore(db: Database, clock: Clock): ConversationAddressStore {
  const find = async (platform: string, key: string) =>
    (await db.read.chatConversation.findUnique({ where: { platform_key: { platform, key } } }))?.address;

  return {
    find,
    async save(platform, key, address) {
      if ((await find(platform, key)) === address) return;
      await db.write(async (tx) => {
        const before = await tx.chatConversation.findUnique({ where: { platform_key: { platform, key } } });
        if (before?.address === address) return;
        await tx.chatConversation.upsert({
          where: { platform_key: { platform, key } },
          create: { platform, key, address },
          update: { address },
        });
        // The address itself may hold display names: the audit row names the key only.
        await tx.auditLog.create({
          data: {
            at: clock.now(),
            actorId: null,
            channel: platform,
            action: before ? 'chatConversation.update' : 'chatConversation.create',
            entity: 'ChatConversation',
            entityId: `${platform}:${key}`,
          },
        });
      });
    },
  };
}
