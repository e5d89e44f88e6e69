import type { ChatPerson } from '../../application/chat/ports.ts';
import type { Database } from './database.ts';

/** People as the chat sees them, by id (the console's default identity is the person id). */
export interface ChatPeople {
  byId(id: string): Promise<ChatPerson | undefined>;
  /** Active people, by id, with their console identity when the staff file gives one. */
  listActive(): Promise<(ChatPerson & { consoleRef?: string })[]>;
}

type PersonRow = { id: string; name: string; affiliation: string; canSupervise: boolean; isAdmin: boolean; active: boolean };

export const toChatPerson = (p: PersonRow): ChatPerson => ({
  id: p.id,
  displayName: p.name,
  affiliation: p.affiliation === 'bureau' ? 'bureau' : 'contractor',
  canSupervise: p.canSupervise,
  isAdmin: p.isAdmin,
  active: p.active,
});

export function createChatPeople(db: Database): ChatPeople {
  return {
    async byId(id) {
      const row = await db.read.person.findUnique({ where: { id } });
      return row ? toChatPerson(row) : undefined;
    },
    async listActive() {
      const rows = await db.read.person.findMany({
        where: { active: true },
        include: { chatIdentities: { where: { platform: 'console' } } },
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => ({ ...toChatPerson(r), consoleRef: r.chatIdentities[0]?.externalId }));
    },
  };
}
