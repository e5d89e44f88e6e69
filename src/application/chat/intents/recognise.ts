import { unknownReply, type ParsedReply } from '../../../domain/replies/parsed-reply.ts';
import { canonicalCommand } from '../routes/keywords.ts';
import { CHAT_SURFACE, type SurfaceRow } from './chat-surface.ts';
import type { Intent, Message, QuestionLookups, ResultQuestion } from './intent.ts';

/** The reply parser as the chat uses it; `awaiting: 'reading'` when the open question asks for a reading. */
export type ParseText = (text: string, awaiting?: 'reading') => ParsedReply;

export interface RecogniseDeps {
  parse?: ParseText;
  questions: QuestionLookups;
}

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/** The message with its lookups: each one runs at most once, and only if a row asks for it. */
export function messageOf(deps: RecogniseDeps, personId: string, typed: string, hasFiles: boolean): Message {
  const awaitsResult = once(async (): Promise<ResultQuestion | undefined> => deps.questions.result?.(personId));
  const awaitsDayEnd = once(async () => deps.questions.dayEnd?.(personId));
  const reply = once(async () => {
    if (!deps.parse) return unknownReply();
    const question = await awaitsResult();
    return deps.parse(typed, question?.awaitsReading ? 'reading' : undefined);
  });
  const replyTo = async (part: string) => (deps.parse ? deps.parse(part) : unknownReply());
  return { typed, text: canonicalCommand(typed), hasFiles, reply, replyTo, awaitsResult, awaitsDayEnd };
}


/** The message's one intent: the first row of the chat surface that recognises it, else `unknown`. */
export async function recognise(m: Message, rows: readonly SurfaceRow[] = CHAT_SURFACE): Promise<Intent> {
  for (const { intent, recognise: read } of rows) {
    const slots = await read(m);
    if (slots) return { ...slots, kind: intent, typed: m.typed, text: m.text } as Intent;
  }
  return { kind: 'unknown', typed: m.typed, text: m.text, reply: null };
}
