import { t } from '../../templates.ts';
import type { Clock, Logger } from '../ports.ts';
import type { Recipient } from './delivery-ports.ts';
import { fieldQuestion, formIntro, readFieldAnswer } from './form-answers.ts';
import type { FormConversation, FormConversationOutcome, FormConversationState, FormConversationStore, FormValues } from './form-conversation-ports.ts';
import type { ChatPerson, InboundEnvelope } from './ports.ts';
import type { FormView, MessageView } from './view.ts';

/** How long an open form conversation waits for the next answer. */
export const DEFAULT_FORM_CONVERSATION_MINUTES = 30;

/** The event a form conversation is opened or answered in (a ChatTurn fits). */
export interface ConversationTurn {
  envelope: InboundEnvelope;
  person: Pick<ChatPerson, 'id'>;
  eventId?: number;
}

/** What a completed form conversation hands to the form's route: what the platform's form submission would carry. */
export interface FormSubmission {
  formId: string;
  state: string;
  values: FormValues;
}

export type SubmitForm = (submission: FormSubmission) => Promise<void>;

export interface FormConversationDeps {
  store: FormConversationStore;
  /** The chat gateway's send: the questions go to the person's direct messages on the platform they used. */
  send(to: Recipient, view: MessageView): Promise<unknown>;
  clock: Clock;
  logger: Logger;
  /** How long an open conversation waits for the next answer (default 30 minutes). */
  minutes?: number;
}

export interface FormConversations {
  /** Opens the form as a conversation: its title and the first question; the person's conversation is replaced. */
  open(turn: ConversationTurn, form: FormView, submit: SubmitForm): Promise<void>;
  /** Takes the text as the answer to the open question; false when it is none (no conversation, or not its answer). */
  answer(turn: ConversationTurn, text: string, submit: SubmitForm): Promise<boolean>;
}

const stateOf = ({ form, platform, index, values }: FormConversationState): FormConversationState => ({ form, platform, index, values });
const submissionOf = (c: FormConversationState): FormSubmission => ({ formId: c.form.formId, state: c.form.state, values: c.values });

/** The event changed the conversation last: it is being worked again (a replay after a crash). */
const replayed = (c: FormConversation, turn: ConversationTurn) => turn.eventId !== undefined && c.sourceEventId === turn.eventId;

/** Written before the open question was asked (its event is not newer than the question): not an answer to it. */
const writtenBefore = (c: FormConversation, turn: ConversationTurn) =>
  turn.eventId !== undefined && c.askedAfterEventId !== null && turn.eventId <= c.askedAfterEventId;

/**
 * Forms on a platform without modals (its adapter has no openForm): the form's title and first question are posted to
 * the person, each text reply is read as that field's value (form-answers.ts: checked by the field's type, an option
 * by number or label, 「スキップ」 for an optional field, 「やめる」 to cancel), a bad value gets its reason and the same
 * question again, and after the last field the values are handed to the form's route exactly as a submission of the
 * form (same form id, state and values). The conversation is kept in the store after every answer, so a restart
 * loses nothing; an event worked again after a crash says what it said the first time and changes nothing more.
 */
export function createFormConversations(deps: FormConversationDeps): FormConversations {
  const minutes = deps.minutes ?? DEFAULT_FORM_CONVERSATION_MINUTES;
  const expiresAt = () => new Date(deps.clock.now().getTime() + minutes * 60_000);

  async function say(turn: ConversationTurn, text: string | null): Promise<void> {
    if (!text) return;
    const to: Recipient = { platform: turn.envelope.platform, target: { kind: 'user', userRef: turn.envelope.userRef } };
    await deps.send(to, { summary: text, blocks: [{ type: 'text', text }] });
  }

  async function ask(turn: ConversationTurn, state: FormConversationState, said: string): Promise<void> {
    await deps.store.save(turn.person.id, state, { expiresAt: expiresAt(), sourceEventId: turn.eventId ?? null, said });
    await say(turn, said);
  }

  const end = (turn: ConversationTurn, c: FormConversationState, outcome: FormConversationOutcome, said: string) =>
    ask(turn, { ...stateOf(c), outcome }, said);

  async function submitted(turn: ConversationTurn, c: FormConversationState, submit: SubmitForm): Promise<void> {
    // Ended first: from here on a replay of this event submits the same values again (the form's route makes that once).
    await end(turn, c, 'submitted', '');
    await submit(submissionOf(c));
  }

  /** The event was worked before (its effects are stored): the same answer, and the same submission, once more. */
  async function replay(turn: ConversationTurn, c: FormConversation, submit: SubmitForm): Promise<boolean> {
    deps.logger.info('replayed event: the form conversation answers it as before', { eventId: turn.eventId, formId: c.form.formId });
    await say(turn, c.said);
    if (c.outcome === 'submitted') await submit(submissionOf(c));
    return c.outcome !== 'expired';
  }

  async function open(turn: ConversationTurn, form: FormView, submit: SubmitForm): Promise<void> {
    const before = await deps.store.get(turn.person.id);
    if (before && replayed(before, turn)) return void (await replay(turn, before, submit));
    const state: FormConversationState = { form, platform: turn.envelope.platform, index: 0, values: {} };
    if (form.fields.length === 0) return submitted(turn, state, submit);
    await ask(turn, state, formIntro(form));
  }

  async function answer(turn: ConversationTurn, text: string, submit: SubmitForm): Promise<boolean> {
    if (turn.envelope.inChannel) return false;
    const c = await deps.store.get(turn.person.id);
    if (!c || c.platform !== turn.envelope.platform) return false;
    if (replayed(c, turn)) return replay(turn, c, submit);
    if (c.outcome) return false;
    if (writtenBefore(c, turn)) {
      deps.logger.info('text written before the form question, not taken as its answer', { eventId: turn.eventId, askedAfter: c.askedAfterEventId });
      return false;
    }
    if (c.expiresAt.getTime() <= deps.clock.now().getTime()) {
      // Said, and the text goes on to the other routes: it may be a result or a question typed much later.
      await end(turn, c, 'expired', t('formConversation.expired', { title: c.form.title, minutes }));
      return false;
    }
    const field = c.form.fields[c.index]!;
    const read = readFieldAnswer(field, text);
    if (read.kind === 'cancel') await end(turn, c, 'cancelled', t('formConversation.cancelled', { title: c.form.title }));
    else if (read.kind === 'invalid') await say(turn, [read.reason, fieldQuestion(c.form, c.index)].join('\n'));
    else {
      const next: FormConversationState = { ...stateOf(c), index: c.index + 1, values: { ...c.values, [field.id]: read.value } };
      if (next.index < c.form.fields.length) await ask(turn, next, fieldQuestion(c.form, next.index));
      else await submitted(turn, next, submit);
    }
    return true;
  }

  return { open, answer };
}
