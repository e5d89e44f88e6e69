import { t } from '../../templates.ts';
import type { Logger } from '../ports.ts';
import type { ChatGateway, Recipient } from './delivery.ts';
import type { ChatDirectory, ChatPerson, InboundEnvelope } from './ports.ts';
import type { FormView, MessageView, Platform } from './view.ts';

/** One inbound event from a known, active person, with a way to answer where they wrote. */
export interface ChatTurn {
  envelope: InboundEnvelope;
  person: ChatPerson;
  reply(view: MessageView): Promise<void>;
  openForm(form: FormView): Promise<void>;
}

export type ButtonHandler = (turn: ChatTurn, value: string) => Promise<void>;
export type FormHandler = (turn: ChatTurn, state: string, values: Record<string, string | string[] | undefined>) => Promise<void>;
export type TextHandler = (turn: ChatTurn, text: string) => Promise<void>;
/** A button that opens a form: computed synchronously so platforms with short-lived triggers can open it at once. */
export type FormOpener = (person: ChatPerson, value: string) => Promise<FormView | undefined>;

export interface ChatRoutes {
  buttons: Record<string, ButtonHandler>;
  forms: Record<string, FormHandler>;
  formOpeners: Record<string, FormOpener>;
  text: TextHandler;
}

export interface DispatcherDeps {
  directory: ChatDirectory;
  gateway: ChatGateway;
  logger: Logger;
  routes: ChatRoutes;
  /** Platforms whose adapter opens a button's form itself on receipt (Slack: trigger_id lives 3 s). */
  formsOnReceipt: Platform[];
}

export const plainView = (text: string, key?: string): MessageView => ({
  ...(key ? { key } : {}),
  summary: text,
  blocks: [{ type: 'text', text }],
});

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

  async function process(envelope: InboundEnvelope): Promise<void> {
    const person = await identify(envelope);
    if (!person) return;
    const to = replyRecipient(envelope);
    const turn: ChatTurn = {
      envelope,
      person,
      reply: async (view) => void (await deps.gateway.send(to, view)),
      openForm: async (form) => void (await deps.gateway.openForm(to, form)),
    };
    const p = envelope.payload;
    if (p.type === 'text') return routes.text(turn, p.text);
    if (p.type === 'button') {
      const opener = routes.formOpeners[p.actionId];
      if (opener) {
        const form = await opener(person, p.value);
        if (!form) return turn.reply(plainView(t('chat.formUnavailable')));
        // Platforms in formsOnReceipt opened it already, when the event arrived.
        return deps.formsOnReceipt.includes(envelope.platform) ? undefined : turn.openForm(form);
      }
      const handler = routes.buttons[p.actionId];
      return handler ? handler(turn, p.value) : turn.reply(plainView(t('chat.unknownAction')));
    }
    const formHandler = routes.forms[p.formId];
    if (!formHandler) return turn.reply(plainView(t('chat.unknownAction')));
    return formHandler(turn, p.state, p.values);
  }

  /** Forms opened right away by platforms that need it (Slack's trigger_id). */
  async function formFor(envelope: InboundEnvelope): Promise<FormView | undefined> {
    if (!deps.formsOnReceipt.includes(envelope.platform) || envelope.payload.type !== 'button') return undefined;
    const opener = routes.formOpeners[envelope.payload.actionId];
    if (!opener) return undefined;
    const person = await deps.directory.personByIdentity(envelope.platform, envelope.userRef);
    return person?.active ? opener(person, envelope.payload.value) : undefined;
  }

  return { process, formFor };
}
