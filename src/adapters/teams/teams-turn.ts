import { TurnContext } from 'botbuilder';
import type { ChatInbound } from '../../application/chat/ports.ts';
import type { FormView } from '../../application/chat/view.ts';
import type { Clock, Logger } from '../../application/ports.ts';
import { rememberConversation, type ConversationStore, type TeamsReference } from './conversation-references.ts';
import { translateInbound } from './translate-inbound.ts';

export interface TurnDeps {
  inbound: ChatInbound;
  store: ConversationStore;
  clock: Clock;
  logger: Logger;
  bureauChannelId?: string;
  /** Posts a form card into the conversation the event came from. */
  sendForm(reference: TeamsReference, form: FormView): Promise<void>;
  /** Replaces a submitted form card so it cannot be submitted twice. */
  markSubmitted(reference: TeamsReference, activityId: string): Promise<void>;
  /** Runs follow-up work after the HTTP request is answered; failures are logged. */
  later(what: string, task: () => Promise<void>): void;
}

/**
 * The turn for one inbound activity: remember where the sender can be reached, hand the event to the chat
 * core, and return as soon as it is stored, so Teams gets its 200 quickly (it redelivers after 15 s; the core
 * dedupes on activity.id). Anything else happens afterwards.
 */
export function createTurnLogic(deps: TurnDeps): (ctx: TurnContext) => Promise<void> {
  return async (ctx) => {
    const activity = ctx.activity;
    try {
      await rememberConversation(deps.store, activity, deps.bureauChannelId);
      const envelope = translateInbound(activity, deps.clock.now());
      if (!envelope) return;
      const receipt = await deps.inbound.receive(envelope);
      if (receipt.duplicate) return;
      const reference = TurnContext.getConversationReference(activity);
      const form = receipt.form;
      if (form) deps.later('open form', () => deps.sendForm(reference, form));
      const cardId = activity.replyToId;
      if (envelope.payload.type === 'form' && cardId) deps.later('mark form submitted', () => deps.markSubmitted(reference, cardId));
    } catch (e) {
      deps.logger.error('teams inbound activity failed', { type: activity.type, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  };
}
