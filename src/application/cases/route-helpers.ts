import type { PersonActor } from '../../domain/access/actor.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import type { NewAttachment } from './ports.ts';

export const actorOf = (turn: ChatTurn): PersonActor => ({ actorId: turn.person.id, channel: turn.envelope.platform });

/** Files that came with the event (photos), as attachments of a case. */
export function attachmentsOf(turn: ChatTurn): NewAttachment[] {
  const p = turn.envelope.payload;
  const files = p.type === 'text' || p.type === 'form' ? (p.files ?? []) : [];
  return files.map((file) => ({ platform: turn.envelope.platform, file }));
}

export { respond, respondOnce } from '../chat/respond.ts';
