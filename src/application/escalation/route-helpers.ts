import { isAppError } from '../../errors.ts';
import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import type { CaseActor, NewAttachment } from './ports.ts';

export const actorOf = (turn: ChatTurn): CaseActor => ({ personId: turn.person.id, channel: turn.envelope.platform });

/** Files that came with the event (photos), as attachments of a case. */
export function attachmentsOf(turn: ChatTurn): NewAttachment[] {
  const p = turn.envelope.payload;
  const files = p.type === 'text' || p.type === 'form' ? (p.files ?? []) : [];
  return files.map((file) => ({ platform: turn.envelope.platform, file }));
}

/** Runs a use case for a chat turn: its answer, or an expected failure's Japanese message, goes back to the sender. */
export async function respond(turn: ChatTurn, run: () => Promise<string | undefined>): Promise<void> {
  let text: string | undefined;
  try {
    text = await run();
  } catch (e) {
    if (!isAppError(e)) throw e;
    text = e.message;
  }
  if (text) await turn.reply(plainView(text));
}
