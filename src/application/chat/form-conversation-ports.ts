import type { FormView, Platform } from './view.ts';

/** The values of a form as a submission carries them, by field id. */
export type FormValues = Record<string, string | string[] | undefined>;

/** How a form conversation ended: submitted (its values went to the form's route), cancelled or expired. */
export type FormConversationOutcome = 'submitted' | 'cancelled' | 'expired';

/** A form being asked one field at a time, and what was answered so far. */
export interface FormConversationState {
  /** The form as it was opened (form id, state, fields): submitted as it is, with the values. */
  form: FormView;
  /** Where it was opened: answers count from that platform only. */
  platform: Platform;
  /** The field asked now. */
  index: number;
  values: FormValues;
  /** Set once it ended; it is kept so that a replay of the event that ended it ends it the same way. */
  outcome?: FormConversationOutcome;
}

export interface FormConversation extends FormConversationState {
  /** An open conversation waits until then for the next answer. */
  expiresAt: Date;
  /** The inbound event whose processing asked the open question (or ended it); null outside the inbox. */
  sourceEventId: number | null;
  /** An answer applies only when its event id is greater: the highest inbound event id stored when it was asked. */
  askedAfterEventId: number | null;
  /** What the bot said to that event (said again when the event is replayed). */
  said: string | null;
}

/**
 * The person's form conversation, durable (it survives a restart). It shares the person's one text conversation
 * with the results flow (PendingReply): opening a form replaces a result conversation, and a result typed afresh
 * replaces a form conversation.
 */
export interface FormConversationStore {
  /** The person's form conversation (open, or ended and kept for a replay); undefined when their conversation is not a form's. */
  get(personId: string): Promise<FormConversation | undefined>;
  /**
   * Saves the conversation (asking its field `index`, or ended when `outcome` is set) as changed by `sourceEventId`.
   * The marker (askedAfterEventId) is the newest stored inbound event id at the write.
   */
  save(personId: string, state: FormConversationState, meta: { expiresAt: Date; sourceEventId: number | null; said: string }): Promise<void>;
}
