import { createWorkCalendar } from '../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { createMessageRefStore } from '../../src/adapters/db/chat-directory-store.ts';
import { createDeliveryStore } from '../../src/adapters/db/delivery-store.ts';
import type { ChatGateway } from '../../src/application/chat/delivery.ts';
import type { DeliveryStore } from '../../src/application/chat/delivery-ports.ts';
import type { MessageRefStore, PlatformAdapter } from '../../src/application/chat/ports.ts';
import type { MessageView } from '../../src/application/chat/view.ts';
import { createChatOutbound, type ChatOutbound } from '../../src/assembly/chat/chat-core.ts';
import type { Outbox, OutboxOptions } from '../../src/assembly/chat/outbox.ts';
import type { AppContext } from '../../src/assembly/context.ts';
import { buildPlatforms, choosePlatforms, platformPartsOf } from '../../src/assembly/platforms/registry.ts';
import { loadConfig } from '../../src/config.ts';
import { recordingLogger, type RecordingLogger } from './escalation-world.ts';
import { encryptedTempDatabase } from './test-cipher.ts';
import type { TempDatabase } from './temp-db.ts';

/** 2026-03-27 08:30 in Tokyo. */
export const AT = new Date('2026-03-26T23:30:00Z');

export interface OutboxWorld {
  t: TempDatabase;
  ctx: AppContext;
  clock: VirtualClock;
  logger: RecordingLogger;
  /** The Delivery rows, as another instance's outbox writes them (probes and stand-ins). */
  store: DeliveryStore;
  /** The message refs the outbox stored (probes). */
  refs: MessageRefStore;
  gateway: ChatGateway;
  /** The chat gateway of another instance sharing the database. */
  gatewayOf(instanceId: string): ChatGateway;
  /**
   * The delivery sender (the outbox's poller) of this instance (`bot-a`), or of another one sharing the database;
   * `outbox`: its claims held otherwise (a short lease, renewals by hand).
   */
  sender(instanceId?: string, outbox?: OutboxOptions): Outbox['poller'];
  dispose(): Promise<void>;
}

/** People with chat identities, one platform each or several: [id, isAdmin, {slack: U…, teams: …}]. */
export type Someone = [string, boolean, Record<string, string>];

/** On the virtual clock nothing renews a claim by itself: a test that wants renewals passes its own `every`. */
const noRenewal: NonNullable<OutboxOptions['every']> = () => () => {};

/**
 * The chat's sending side as the bot assembles it before any feature (src/assembly/chat/chat-core.ts: the chat
 * directory, the outbox and its sender, the gateway), its platforms built by the platform registry with the given
 * adapters as their stand-ins, on a real (encrypted) SQLite file and a virtual clock. Each instance id is a sending
 * side of its own on the shared database and the same platforms. Nothing else of the bot runs.
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
  const config = loadConfig({ DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent' });
  const ctx: AppContext = { config, db: t.db, clock, logger, calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const chosen = choosePlatforms({ configured: adapters.map((a) => a.platform) });
  const platformFactories = Object.fromEntries(adapters.map((a) => [a.platform, async () => a]));
  const built = await buildPlatforms(chosen, platformPartsOf(ctx, {}), platformFactories);
  const chatOf = (instanceId: string, outbox: OutboxOptions = {}) => createChatOutbound(ctx, built, instanceId, { every: noRenewal, ...outbox });
  const instances = new Map<string, ChatOutbound>();
  const instance = (id: string) => instances.get(id) ?? instances.set(id, chatOf(id)).get(id)!;
  for (const adapter of built.adapters) await adapter.start();
  const own = instance('bot-a');
  return {
    t,
    ctx,
    clock,
    logger,
    store: createDeliveryStore(t.db),
    refs: createMessageRefStore(t.db),
    gateway: own.gateway,
    gatewayOf: (id) => instance(id).gateway,
    sender: (id = 'bot-a', outbox) => (outbox ? chatOf(id, outbox) : instance(id)).outbox.poller,
    async dispose() {
      for (const adapter of built.adapters) await adapter.stop();
      await t.dispose();
    },
  };
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
