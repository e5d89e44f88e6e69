import { randomUUID } from 'node:crypto';
import type { Clock } from '../../application/ports.ts';
import type { ChatInbound, InboundFile, InboundPayload, PlatformTarget } from '../../application/chat/ports.ts';
import type { Button, FormView } from '../../application/chat/view.ts';
import { ErrorCode, isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { ConsoleAdapter, ConsoleDelivery, ConsoleMessage } from './console-adapter.ts';
import { formValues, type FormInput } from './form-values.ts';
import { ConsoleInputError } from './input-error.ts';
import { BUREAU_CHANNEL } from './render-text.ts';

export { ConsoleInputError };

export interface ConsoleSessionDeps {
  adapter: ConsoleAdapter;
  inbound: ChatInbound;
  /** Waits until every received event is processed, so an action returns with its answers. */
  drain(): Promise<void>;
  clock: Clock;
  /** Prefix of the event keys (console:<sessionId>-<n>); random by default, so a restart never collides. */
  sessionId?: string;
}

/** "#bureau" or "bureau-channel" style references name a channel; anything else a user. */
export function targetOf(ref: string): PlatformTarget {
  return ref.startsWith('#') ? { kind: 'channel', channelRef: ref.slice(1) || BUREAU_CHANNEL } : { kind: 'user', userRef: ref };
}

/**
 * Typing as any user: each action becomes one inbound event (persisted, deduplicated, processed) and resolves
 * with what the bot delivered meanwhile, to anyone.
 */
export class ConsoleSession {
  private user: string | undefined;
  private sequence = 0;
  private draft: FormInput = {};
  private readonly sessionId: string;

  constructor(private readonly deps: ConsoleSessionDeps) {
    this.sessionId = deps.sessionId ?? randomUUID().slice(0, 8);
  }

  get currentUser(): string | undefined {
    return this.user;
  }

  as(userRef: string): this {
    this.user = userRef.trim();
    this.draft = {};
    return this;
  }

  async say(text: string, options: { files?: InboundFile[]; channel?: string } = {}): Promise<ConsoleDelivery[]> {
    const payload: InboundPayload = options.files ? { type: 'text', text, files: options.files } : { type: 'text', text };
    return this.send(payload, options.channel);
  }

  /** A text message carrying a file (the console has no upload: the name stands for it). */
  async attach(fileName: string, text = ''): Promise<ConsoleDelivery[]> {
    const file: InboundFile = { ref: `console-file:${fileName}`, name: fileName, mimeType: mimeOf(fileName) };
    return this.say(text, { files: [file] });
  }

  /** Presses button n (1-based) of the latest message with buttons for the user, or of `messageRef` (console:12, #bureau). */
  async press(n: number, messageRef?: string): Promise<ConsoleDelivery[]> {
    const message = this.messageForPress(messageRef);
    const button = message.buttons[n - 1];
    if (!button) throw new ConsoleInputError(t('console.error.buttonRange', { max: message.buttons.length }));
    return this.pressButton(message, button);
  }

  /**
   * Presses the button labelled `label` of the latest message that has one (or of `messageRef`); `of` narrows by the
   * button's value (e.g. an order number). A receipt's 訂正 does not hide the day message's 結果入力.
   */
  async pressLabel(label: string, of?: string, messageRef?: string): Promise<ConsoleDelivery[]> {
    const matches = (b: Button) => b.label === label && (of === undefined || b.value.includes(of));
    const message = this.messageForPress(messageRef, matches);
    const found = message.buttons.filter(matches);
    if (found.length === 0) throw new ConsoleInputError(t('console.error.buttonLabel', { label }));
    if (found.length > 1) throw new ConsoleInputError(t('console.error.buttonAmbiguous', { label }));
    return this.pressButton(message, found[0]!);
  }

  /** Keeps values for the open form (by field id or label) until submit. */
  fill(values: FormInput): this {
    this.draft = { ...this.draft, ...values };
    return this;
  }

  /** Submits the user's open form with the filled values plus `values`. */
  async submit(values: FormInput = {}): Promise<ConsoleDelivery[]> {
    const target = this.userTarget();
    const form = this.deps.adapter.openFormOf(target);
    if (!form) throw new ConsoleInputError(t('console.error.noForm', { user: target.userRef }));
    const resolved = formValues(form, { ...this.draft, ...values });
    this.deps.adapter.closeForm(target);
    this.draft = {};
    return this.send({ type: 'form', formId: form.formId, state: form.state, values: resolved });
  }

  /** The form the current user has open, if any. */
  openForm(): FormView | undefined {
    return this.deps.adapter.openFormOf(this.userTarget());
  }

  /** Messages a user (or '#bureau') has now, oldest first. */
  inbox(ref?: string): ConsoleMessage[] {
    return this.deps.adapter.messagesTo(targetOf(ref ?? this.userTarget().userRef));
  }

  private userTarget(): { kind: 'user'; userRef: string } {
    if (!this.user) throw new ConsoleInputError(t('console.error.noUser'));
    return { kind: 'user', userRef: this.user };
  }

  private messageForPress(messageRef?: string, wanted: (b: Button) => boolean = () => true): ConsoleMessage {
    const { adapter } = this.deps;
    if (messageRef && !messageRef.startsWith('#')) {
      const message = adapter.message(messageRef);
      if (!message) throw new ConsoleInputError(t('console.error.noMessage', { ref: messageRef }));
      return message;
    }
    const target = messageRef ? targetOf(messageRef) : this.userTarget();
    const latest = latestWithButtons(adapter, target, wanted) ?? latestWithButtons(adapter, target);
    const who = target.kind === 'user' ? target.userRef : `#${target.channelRef}`;
    if (!latest) throw new ConsoleInputError(t('console.error.noButtons', { user: who }));
    return latest;
  }

  private pressButton(message: ConsoleMessage, button: Button): Promise<ConsoleDelivery[]> {
    const channel = message.target.kind === 'channel' ? message.target.channelRef : undefined;
    return this.send({ type: 'button', actionId: button.actionId, value: button.value }, channel);
  }

  private async send(payload: InboundPayload, channel?: string): Promise<ConsoleDelivery[]> {
    const { userRef } = this.userTarget();
    const before = this.deps.adapter.lastSeq();
    await this.deps.inbound
      .receive({
        platform: 'console',
        eventKey: `console:${this.sessionId}-${++this.sequence}`,
        userRef,
        conversationRef: channel ?? userRef,
        ...(channel ? { inChannel: true } : {}),
        receivedAt: this.deps.clock.now(),
        payload,
      })
      .catch((e: unknown) => {
        // Not stored (e.g. a full disk): the inbox's Japanese message is shown, and the console goes on.
        throw isAppError(e) && e.code === ErrorCode.DatabaseUnwritable ? new ConsoleInputError(e.message) : e;
      });
    await this.deps.drain();
    return this.deps.adapter.deliveries(before);
  }
}

function latestWithButtons(adapter: ConsoleAdapter, target: PlatformTarget, wanted: (b: Button) => boolean = () => true): ConsoleMessage | undefined {
  const candidates = adapter.messagesTo(target).filter((m) => m.buttons.some(wanted));
  const lastDelivered = new Map(adapter.deliveries(0, true).map((d) => [d.messageRef, d.seq] as const));
  return candidates.sort((a, b) => (lastDelivered.get(a.ref) ?? 0) - (lastDelivered.get(b.ref) ?? 0)).at(-1);
}

function mimeOf(fileName: string): string | undefined {
  const ext = fileName.split('.').pop()?.toLowerCase();
  const known: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4', mov: 'video/quicktime', pdf: 'application/pdf' };
  return ext ? known[ext] : undefined;
}
