import type { PlatformAdapter, PlatformTarget } from '../../application/chat/ports.ts';
import type { Button, FormView, MessageView } from '../../application/chat/view.ts';
import { saveFileIn } from './console-files.ts';
import { headingOf, renderForm, renderMessage } from './render-text.ts';

/** One message as a console user sees it; an update replaces text and view and sets `updated`. */
export interface ConsoleMessage {
  ref: string;
  target: PlatformTarget;
  view: MessageView;
  text: string;
  buttons: Button[];
  updated: boolean;
}

/** Everything the adapter showed, in order: posts, in-place updates and opened forms. */
export interface ConsoleDelivery {
  seq: number;
  kind: 'post' | 'update' | 'form';
  target: PlatformTarget;
  /** The text written to the sink, heading included. */
  output: string;
  /** The message's text without the heading (for a form, its rendering). */
  text: string;
  messageRef?: string;
  form?: FormView;
  /** Shown before a restart and rebuilt from the outbox: not delivered by this process. */
  restored?: true;
}

export interface ConsoleAdapterOptions {
  /** Where rendered messages go (stdout in the REPL); nothing is written when absent. */
  sink?: (text: string) => void;
  /** Where files handed out are saved (<db folder>/reports); without it a file's recipient gets its note. */
  fileDir?: string;
  /** Messages shown before a restart (the outbox's sent console rows, oldest first): pressable again, same refs. */
  restored?: readonly { ref: string; target: PlatformTarget; view: MessageView }[];
}

export interface ConsoleAdapter extends PlatformAdapter {
  readonly platform: 'console';
  /** The console opens forms: the latest one per user, filled in with /form (field by field, or all at once). */
  openForm(target: PlatformTarget, form: FormView): Promise<void>;
  /** Messages sent to a user (or a channel), oldest first, as they are now. */
  messagesTo(target: PlatformTarget): ConsoleMessage[];
  message(ref: string): ConsoleMessage | undefined;
  /** The form a user has open (the latest one opened for them), if any. */
  openFormOf(target: PlatformTarget): FormView | undefined;
  closeForm(target: PlatformTarget): void;
  /** Deliveries with seq greater than `afterSeq` (all when omitted). */
  /** What this process delivered after `afterSeq`; `withRestored`: also what was rebuilt from before a restart. */
  deliveries(afterSeq?: number, withRestored?: boolean): ConsoleDelivery[];
  /** The seq of the latest delivery (0 before any). */
  lastSeq(): number;
}

export const targetKeyOf = (t: PlatformTarget) => (t.kind === 'user' ? `user:${t.userRef}` : `channel:${t.channelRef}`);

/**
 * The console platform: renders each view as text and keeps what every user got, in memory, starting from what it
 * showed before a restart (`restored`), so `/press 1 console:3` names the same message across restarts.
 */
export function createConsoleAdapter(options: ConsoleAdapterOptions = {}): ConsoleAdapter {
  const messages = new Map<string, ConsoleMessage>();
  const forms = new Map<string, FormView>();
  const log: ConsoleDelivery[] = [];
  let nextRef = 1;
  for (const { ref, target, view } of options.restored ?? []) {
    const updated = messages.has(ref);
    const rendered = renderMessage(view, { updated });
    messages.set(ref, { ref, target, view, text: rendered.text, buttons: rendered.buttons, updated });
    log.push({ seq: log.length + 1, kind: updated ? 'update' : 'post', target, output: '', text: rendered.text, messageRef: ref, restored: true });
    nextRef = Math.max(nextRef, Number(ref.replace('console:', '')) + 1 || nextRef);
  }

  function deliver(entry: Omit<ConsoleDelivery, 'seq' | 'output'>): void {
    const output = `${headingOf(entry.target)}\n${entry.text}\n`;
    log.push({ ...entry, seq: log.length + 1, output });
    options.sink?.(output);
  }

  const adapter: ConsoleAdapter = {
    platform: 'console',
    async post(target: PlatformTarget, view: MessageView, existingRef?: string): Promise<string> {
      const previous = existingRef ? messages.get(existingRef) : undefined;
      const updated = previous !== undefined && targetKeyOf(previous.target) === targetKeyOf(target);
      const ref = updated ? previous.ref : `console:${nextRef++}`;
      const rendered = renderMessage(view, { updated });
      messages.set(ref, { ref, target, view, text: rendered.text, buttons: rendered.buttons, updated });
      deliver({ kind: updated ? 'update' : 'post', target, text: rendered.text, messageRef: ref });
      return ref;
    },
    async openForm(target: PlatformTarget, form: FormView): Promise<void> {
      forms.set(targetKeyOf(target), form);
      deliver({ kind: 'form', target, text: renderForm(form), form });
    },
    async start() {},
    async stop() {},
    health: () => ({ ok: true, detail: 'console' }),
    messagesTo(target) {
      const key = targetKeyOf(target);
      return [...messages.values()].filter((m) => targetKeyOf(m.target) === key);
    },
    message: (ref) => messages.get(ref),
    openFormOf: (target) => forms.get(targetKeyOf(target)),
    closeForm: (target) => void forms.delete(targetKeyOf(target)),
    deliveries: (afterSeq = 0, withRestored = false) => log.filter((d) => d.seq > afterSeq && (withRestored || !d.restored)),
    lastSeq: () => log.length,
  };
  if (options.fileDir) adapter.uploadFile = saveFileIn(options.fileDir, adapter);
  return adapter;
}
