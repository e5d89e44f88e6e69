import type { ChatDirectory, ChatPerson } from '../../application/chat/ports.ts';
import { BUREAU_CHANNEL } from './render-text.ts';

export interface PersonById {
  byId(id: string): Promise<ChatPerson | undefined>;
}

/**
 * On the console, a person the staff file gives no console identity is reached by their person id (w02), and the
 * bureau channel is 'bureau' unless the file names another. Reads only: the staff file stays the truth.
 */
export function withConsoleDefaults(base: ChatDirectory, people: PersonById): ChatDirectory {
  return {
    async personByIdentity(platform, userRef) {
      const known = await base.personByIdentity(platform, userRef);
      if (known || platform !== 'console') return known;
      const person = await people.byId(userRef);
      if (!person) return undefined;
      const own = (await base.identitiesOf(person.id)).console;
      return own === undefined ? person : undefined;
    },
    async identitiesOf(personId) {
      const identities = await base.identitiesOf(personId);
      return identities.console === undefined ? { ...identities, console: personId } : identities;
    },
    async bureauChannels() {
      const channels = await base.bureauChannels();
      return channels.console === undefined ? { ...channels, console: BUREAU_CHANNEL } : channels;
    },
  };
}
