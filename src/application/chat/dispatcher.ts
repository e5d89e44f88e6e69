import { t } from '../../templates.ts';
import type { Logger } from '../ports.ts';
import type { ChatGateway, Recipient } from './delivery.ts';
import type { FormConversations, FormSubmission } from './form-conversation.ts';
import { inboundRefusal, refusalText } from './inbound-limits.ts';
import { own } from './own-keys.ts';
import type { ChatDirectory, ChatPerson, InboundEnvelope } from './ports.ts';
import type { Button, FormView, MessageView, Platform } from './view.ts';

/** One inbound event from a known, active person, with a way to answer where they wrote. */
export interface ChatTurn {
  envelope: InboundEnvelope;
  person: ChatPerson;
  /** The stored event's id (InboundEvent): effects recorded with it are not applied twice when it is replayed. */
  eventId?: number;
  reply(view: MessageView): Promise<void>;
  openForm(form: FormView): Promise<void>;
}

export type ButtonHandler = (turn: ChatTurn, value: string) => Promise<void>;
export type FormHandler = (turn: ChatTurn, state: string, values: Record<string, string | string[] | undefined>) => Promise<void>;
export type TextHandler = (turn: ChatTurn, text: string) => Promise<void>;
/** Why a form cannot open, in Japanese for the person who pressed the button (e.g. someone else's order). */
export interface FormRefusal {
  refused: string;
  /** What the person may do instead (e.g. 訂正 on an order whose result is recorded already). */
  buttons?: Button[];
}
/**
 * A button that opens a form: computed synchronously so platforms with short-lived triggers can open it at once.
 * undefined or a refusal: no form; the person is told the refusal's reason, or chat.formUnavailable.
 */
export type FormOpener = (person: ChatPerson, value: string) => Promise<FormView | FormRefusal | undefined>;

export const isFormRefusal = (v: FormView | FormRefusal | undefined): v is FormRefusal => v !== undefined && 'refused' in v;
/**
 * Field errors of a submitted form, checked when it arrives (read-only), for platforms that show them on the open
 * form (Slack). undefined: nothing to show; the submission is stored and handled as usual.
 */
export type FormValidator = (
  person: ChatPerson,
  state: string,
  values: Record<string, string | string[] | undefined>,
) => Promise<Record<string, string> | undefined>;

export interface ChatRoutes {
  buttons: Record<string, ButtonHandler>;
  forms: Record<string, FormHandler>;
  formOpeners: Record<string, FormOpener>;
  /** Checks of submitted forms, by form id (optional). */
  formValidators?: Record<string, FormValidator>;
  text: TextHandler;
}

export interface DispatcherDeps {
  directory: ChatDirectory;
  gateway: ChatGateway;
  logger: Logger;
  routes: ChatRoutes;
  /** Platforms whose adapter opens a button's form itself on receipt (Slack: trigger_id lives 3 s). */
  formsOnReceipt: Platform[];
  /** Platforms that show field errors on the submitted form itself (Slack: response_action 'errors'). */
  formErrorsOnReceipt?: Platform[];
  /**
   * Platforms without modals (their adapter has no openForm): their forms are asked one field at a time, and their
   * direct messages answer the open question first. Absent: every platform opens forms itself.
   */
  formConversations?: { platforms: Platform[]; conversations: FormConversations };
}

export const plainView = (text: string, key?: string): MessageView => ({
  ...(key ? { key } : {}),
  summary: text,
  blocks: [{ type: 'text', text }],
});

/** Why a button's form does not open, with the buttons the refusal offers instead. */
function refusalView(refusal: FormRefusal | undefined): MessageView {
  const view = plainView(refusal?.refused ?? t('chat.formUnavailable'));
  return refusal?.buttons?.length ? { ...view, blocks: [...view.blocks, { type: 'actions', buttons: refusal.buttons }] } : view;
}

function replyRecipient(envelope: InboundEnvelope): Recipient {
  if (envelope.inChannel && envelope.conversationRef) {
    return { platform: envelope.platform, target: { kind: 'channel', channelRef: envelope.conversationRef } };
  }
  return { platform: envelope.platform, target: { kind: 'user', userRef: envelope.userRef } };
}

/** Routes each stored event to its use case: strangers and deactivated people are told whom to ask. */
export function createDispatcher(deps: DispatcherDeps) {
  const { routes } = deps;

  async function identify(envelope: InboundEnvelope): Promise<ChatPerson | undefined> {
    const person = await deps.directory.personByIdentity(envelope.platform, envelope.userRef);
    const refusal = !person ? 'chat.unknownUser' : !person.active ? 'chat.inactiveUser' : undefined;
    if (refusal) {
      await deps.gateway.send(replyRecipient(envelope), plainView(t(refusal)));
      deps.logger.warn('chat event from unknown or inactive identity', { platform: envelope.platform });
      return undefined;
    }
    return person;
  }

  /** An event above the platform's limits is answered and goes no further: no route sees it, nothing is recorded. */
  async function refuseOversized(envelope: InboundEnvelope): Promise<boolean> {
    const refusal = inboundRefusal(envelope);
    if (!refusal) return false;
    deps.logger.warn('chat event over the platform limits refused', { platform: envelope.platform, kind: refusal.kind });
    await deps.gateway.send(replyRecipient(envelope), plainView(refusalText(refusal)));
    return true;
  }

  /**
   * A form conversation's values to the form's route, as the form's submission: `turn` is the event of the last
   * answer, its payload the submission (form id, state, values).
   */
  async function submitForm(turn: ChatTurn, { formId, state, values }: FormSubmission): Promise<void> {
    const formHandler = own(routes.forms, formId);
    if (!formHandler) return turn.reply(plainView(t('chat.unknownAction')));
    return formHandler({ ...turn, envelope: { ...turn.envelope, payload: { type: 'form', formId, state, values } } }, state, values);
  }

  /** The form conversations of the event's platform, when it has no modals. */
  const conversationsOf = (envelope: InboundEnvelope) =>
    deps.formConversations?.platforms.includes(envelope.platform) ? deps.formConversations.conversations : undefined;

  async function process(envelope: InboundEnvelope, meta?: { eventId?: number }): Promise<void> {
    const person = await identify(envelope);
    if (!person || (await refuseOversized(envelope))) return;
    const to = replyRecipient(envelope);
    const conversations = conversationsOf(envelope);
    const submit = (submission: FormSubmission) => submitForm(turn, submission);
    const turn: ChatTurn = {
      envelope,
      person,
      ...(meta?.eventId === undefined ? {} : { eventId: meta.eventId }),
      reply: async (view) => void (await deps.gateway.send(to, view)),
      openForm: async (form) => (conversations ? conversations.open(turn, form, submit) : void (await deps.gateway.openForm(to, form))),
    };
    const p = envelope.payload;
    if (p.type === 'text') {
      // A platform without modals: a direct message answers the person's open form question first.
      if (conversations && (await conversations.answer(turn, p.text, submit))) return;
      return routes.text(turn, p.text);
    }
    if (p.type === 'button') {
      const opener = own(routes.formOpeners, p.actionId);
      if (opener) {
        const form = await opener(person, p.value);
        if (!form || isFormRefusal(form)) return turn.reply(refusalView(form));
        // Platforms in formsOnReceipt opened it already, when the event arrived.
        return deps.formsOnReceipt.includes(envelope.platform) ? undefined : turn.openForm(form);
      }
      const handler = own(routes.buttons, p.actionId);
      return handler ? handler(turn, p.value) : turn.reply(plainView(t('chat.unknownAction')));
    }
    const formHandler = own(routes.forms, p.formId);
    if (!formHandler) return turn.reply(plainView(t('chat.unknownAction')));
    return formHandler(turn, p.state, p.values);
  }

  /** Forms opened right away by platforms that need it (Slack's trigger_id). */
  async function formFor(envelope: InboundEnvelope): Promise<FormView | undefined> {
    if (!deps.formsOnReceipt.includes(envelope.platform) || envelope.payload.type !== 'button') return undefined;
    if (inboundRefusal(envelope)) return undefined; // refused when processed
    const opener = own(routes.formOpeners, envelope.payload.actionId);
    if (!opener) return undefined;
    const person = await deps.directory.personByIdentity(envelope.platform, envelope.userRef);
    const form = person?.active ? await opener(person, envelope.payload.value) : undefined;
    return isFormRefusal(form) ? undefined : form;
  }

  /** Field errors to show on the open form, for platforms that can (Slack); read-only. */
  async function formErrorsFor(envelope: InboundEnvelope): Promise<Record<string, string> | undefined> {
    const p = envelope.payload;
    if (!(deps.formErrorsOnReceipt ?? []).includes(envelope.platform) || p.type !== 'form') return undefined;
    if (inboundRefusal(envelope)) return undefined; // stored, then refused when processed
    const validator = own(routes.formValidators ?? {}, p.formId);
    if (!validator) return undefined;
    const person = await deps.directory.personByIdentity(envelope.platform, envelope.userRef);
    if (!person?.active) return undefined;
    const errors = await validator(person, p.state, p.values);
    return errors && Object.keys(errors).length > 0 ? errors : undefined;
  }

  /** The sender hears that their event failed, so nobody waits for an answer that will not come. */
  async function reportFailure(envelope: InboundEnvelope): Promise<void> {
    await deps.gateway.send(replyRecipient(envelope), plainView(t('chat.failed')));
  }

  return { process, formFor, formErrorsFor, reportFailure };
}
