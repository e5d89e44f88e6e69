import type { ChatInbound, InboundEnvelope, InboundPayload, PlatformAdapter, PlatformTarget } from '../../src/application/chat/ports.ts';
import type { MessageView, Platform } from '../../src/application/chat/view.ts';

/** A message as the platform showed it: to whom, its text (blocks joined). */
export interface ShownMessage {
  to: string;
  text: string;
}

/**
 * A chat platform with text messages only: no modals (no openForm), no files. It receives what the test says through
 * `say`/`press` (stored by the inbox, then worked), and records every message it posts.
 */
export interface TextOnlyPlatform extends PlatformAdapter {
  shown: ShownMessage[];
  /** The texts shown to `userRef`, oldest first. */
  to(userRef: string): string[];
  /** Hands an event from `userRef` in a direct message to the bot; resolves once the bot has worked it. */
  send(userRef: string, payload: InboundPayload): Promise<void>;
}

const who = (t: PlatformTarget) => (t.kind === 'user' ? t.userRef : `#${t.channelRef}`);
const textOf = (view: MessageView) =>
  view.blocks.map((b) => ('text' in b ? b.text : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${f.value}`).join('\n') : '')).filter(Boolean).join('\n');

/** Event keys stay unique across restarts (the inbox deduplicates on them). */
let events = 0;

/** `drain` waits for the bot to work what it stored; `at` is the clock the events are stamped with. */
export function textOnlyPlatform(platform: Platform, drain: () => Promise<void>, at: () => Date): TextOnlyPlatform {
  let inbound: ChatInbound | undefined;
  let refs = 0;
  const self: TextOnlyPlatform = {
    platform,
    shown: [],
    receiveInto: (core) => void (inbound = core),
    async post(target, view, existingRef) {
      self.shown.push({ to: who(target), text: textOf(view) });
      return existingRef ?? `${platform}-${++refs}`;
    },
    async start() {},
    async stop() {},
    to: (userRef) => self.shown.filter((m) => m.to === userRef).map((m) => m.text),
    async send(userRef, payload) {
      const envelope: InboundEnvelope = { platform, eventKey: `${platform}-event-${++events}`, userRef, conversationRef: `D${userRef}`, receivedAt: at(), payload };
      await inbound!.receive(envelope);
      await drain();
    },
  };
  return self;
}
