import { ErrorCode, isAppError } from '../../errors.ts';
import { plainView, type ChatTurn } from './dispatcher.ts';

/** Runs a use case for a chat turn: its answer, or an expected failure's Japanese message, goes back to the sender. */
export async function respond(turn: ChatTurn, run: () => Promise<string | undefined>): Promise<void> {
  const text = await answerOf(run);
  if (text) await turn.reply(plainView(text));
}

/** The view key of the answer to an inbound event (see respondOnce). */
export const eventAnswerKey = (eventId: number, part = 'answer') => `event:${eventId}:${part}`;

/**
 * respond() for a use case that applies its event's effects once: the answer carries a key of the event, so the
 * replay of the event after a crash sends it once at most (the outbox keeps one delivery per cause, key and content),
 * however many other messages the replay sent before it. Without an event id (no inbox) it is a plain answer.
 */
export async function respondOnce(turn: ChatTurn, run: () => Promise<string | undefined>): Promise<void> {
  const text = await answerOf(run);
  if (text) await turn.reply(plainView(text, turn.eventId === undefined ? undefined : eventAnswerKey(turn.eventId)));
}

async function answerOf(run: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await run();
  } catch (e) {
    // A missing key is this instance's, not the sender's: the event is left for an instance that has it (inbox.ts).
    if (!isAppError(e) || e.code === ErrorCode.KeyUnavailable) throw e;
    return e.message;
  }
}
