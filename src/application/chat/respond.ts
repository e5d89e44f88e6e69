import { isAppError } from '../../errors.ts';
import { plainView, type ChatTurn } from './dispatcher.ts';

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
