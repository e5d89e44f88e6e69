import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { createChatDirectory, createMessageRefStore } from '../../src/adapters/db/chat-directory-store.ts';
import { createDeliveryStore } from '../../src/adapters/db/delivery-store.ts';
import { deliveryCauses } from '../../src/adapters/scheduler/delivery-cause.ts';
import { createChatGateway, type ChatGateway } from '../../src/application/chat/delivery.ts';
import { createDeliverySender, type DeliverySenderDeps } from '../../src/application/chat/delivery-sender.ts';
import type { DeliveryStore } from '../../src/application/chat/delivery-ports.ts';
import type { MessageRefStore, PlatformAdapter } from '../../src/application/chat/ports.ts';
import type { MessageView } from '../../src/application/chat/view.ts';
import { recordingLogger, type RecordingLogger } from './escalation-world.ts';
import { encryptedTempDatabase } from './test-cipher.ts';
import type { TempDatabase } from './temp-db.ts';

/** 2026-03-27 08:30 in Tokyo. */
export const AT = new Date('2026-03-26T23:30:00Z');

export interface OutboxWorld {
  t: TempDatabase;
  clock: VirtualClock;
  logger: RecordingLogger;
  store: DeliveryStore;
  refs: MessageRefStore;
  gateway: ChatGateway;
  /** The chat gateway of another instance sharing the database. */
  gatewayOf(instanceId: string): ChatGateway;
  /** A delivery sender of this instance (`bot-a`), or of another one sharing the database; `more`: other settings. */
  sender(instanceId?: string, more?: Partial<DeliverySenderDeps>): ReturnType<typeof createDeliverySender>;
  dispose(): Promise<void>;
}

/** People with chat identities, one platform each or several: [id, isAdmin, {slack: U…, teams: …}]. */
export type Someone = [string, boolean, Record<string, string>];

let seq = 0;

/**
 * The chat gateway with its outbox on a real (encrypted) SQLite file, the real chat directory, and the platforms
 * given: what createChatRuntime wires, without the inbox and the routes.
 */
export async function outboxWorld(adapters: PlatformAdapter[], people: Someone[] = [], bureau: Record<string, string> = {}): Promise<OutboxWorld> {
  const t = await encryptedTempDatabase();
  const clock = new VirtualClock(AT);
  const logger = recordingLogger();
  await t.db.write(async (tx) => {
    for (const [id, isAdmin, chat] of people) {
      await tx.person.create({ data: { id, affiliation: 'contractor', name: `試験 ${id}`, isAdmin } });
      for (const [platform, externalId] of Object.entries(chat)) await tx.chatIdentity.create({ data: { platform, externalId, personId: id } });
    }
    for (const [platform, address] of Object.entries(bureau)) await tx.chatConversation.create({ data: { platform, key: 'channel:bureau', address } });
  });
  const store = createDeliveryStore(t.db);
  const refs = createMessageRefStore(t.db);
  const directory = createChatDirectory(t.db);
  const admins = async () => people.filter(([, isAdmin]) => isAdmin).map(([id]) => id);
  const sender = (instanceId = 'bot-a', more: Partial<DeliverySenderDeps> = {}) =>
    createDeliverySender({ store, refs, adapters: new Map(adapters.map((a) => [a.platform, a] as const)), directory, clock, logger, instanceId, admins, ...more });
  const gatewayOf = (instanceId: string) =>
    createChatGateway({
      adapters,
      directory,
      refs,
      logger,
      outbox: { store, causes: deliveryCauses, clock, instanceId, hash: sha256Hex, newId: () => `n${++seq}`, queue: sender(instanceId) },
    });
  return { t, clock, logger, store, refs, gateway: gatewayOf('bot-a'), gatewayOf, sender, dispose: () => t.dispose() };
}

export const view = (text: string, key?: string): MessageView => ({ ...(key ? { key } : {}), summary: text, blocks: [{ type: 'text', text }] });

/** Ticks the sender every 5 s until `ms` have passed on the virtual clock. */
export async function tickFor(w: OutboxWorld, ms: number, sender = w.sender()): Promise<void> {
  const end = w.clock.now().getTime() + ms;
  while (w.clock.now().getTime() < end) {
    w.clock.advance(5_000);
    await sender.tick(w.clock.now());
  }
}
