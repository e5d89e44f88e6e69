import { randomUUID } from 'node:crypto';
import type { AppContext } from '../main.ts';
import { withConsoleDefaults } from '../adapters/console/console-directory.ts';
import { createChatDirectory, createMessageRefStore } from '../adapters/db/chat-directory-store.ts';
import { createChatPeople } from '../adapters/db/chat-people-store.ts';
import { createInboxStore } from '../adapters/db/inbox-store.ts';
import { parseReply } from '../adapters/nlp/reply-parser.ts';
import { createChatGateway, type ChatGateway } from '../application/chat/delivery.ts';
import { createDispatcher, type ChatRoutes } from '../application/chat/dispatcher.ts';
import { createInbox, type BudgetTimer, type Inbox } from '../application/chat/inbox.ts';
import { createInboxAlerts } from '../application/chat/inbox-alerts.ts';
import type { ChatDirectory, ChatInbound } from '../application/chat/ports.ts';
import { buildChatRoutes, type RouteModule } from '../application/chat/routes/index.ts';
import type { Platform } from '../application/chat/view.ts';
import { buildPlatforms, type BuiltPlatforms, type PlatformFactory } from './platforms.ts';
import { withDeliveryCause } from '../adapters/scheduler/delivery-cause.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { dayOrdersOf } from './wiring.ts';

export interface ChatRuntimeOptions {
  platforms: Platform[];
  factories?: Partial<Record<'slack' | 'teams', PlatformFactory>>;
  consoleSink?: (text: string) => void;
  /** Route modules of further features (results, doubts …), tried after help and 残り. */
  features?: RouteModule[];
  /** This instance (owner of its inbox claims); default a random id. */
  instanceId?: string;
  /** The adapters' wait between their own retries (tests on a virtual clock). */
  sleep?: (ms: number) => Promise<void>;
}

/** The inbox's time budget on the wall clock (unref'd: it never keeps the process alive). */
const wallClockTimer: BudgetTimer = (ms, onElapsed) => {
  const handle = setTimeout(onElapsed, ms);
  handle.unref();
  return () => clearTimeout(handle);
};

export interface ChatRuntime extends BuiltPlatforms {
  inbox: Inbox;
  gateway: ChatGateway;
  directory: ChatDirectory;
  /** Every registered button, form and form opener (read-only: tests enumerate the actions). */
  routes: ChatRoutes;
  /** Durable deliveries: the sender (a poller) and the claims to release on a clean stop. */
  outbox: Pick<Outbox, 'poller' | 'releaseClaims'>;
}

/** Slack opens a button's modal itself when the press arrives (its trigger_id lives 3 s). */
const FORMS_ON_RECEIPT: Platform[] = ['slack'];

/**
 * The chat core wired to the platforms: adapters → inbox (persist, then work) → dispatcher → routes → gateway →
 * adapters. Adapters get the inbound port before the inbox exists, so they are built first.
 */
export async function createChatRuntime(ctx: AppContext, options: ChatRuntimeOptions): Promise<ChatRuntime> {
  let inbox: Inbox | undefined;
  const inbound: ChatInbound = {
    receive: (envelope) => {
      if (!inbox) throw new Error('chat inbox not ready');
      return inbox.receive(envelope);
    },
  };
  const sleep = options.sleep ? { sleep: options.sleep } : {};
  const built = await buildPlatforms(options.platforms, { inbound, logger: ctx.logger, clock: ctx.clock, ...sleep }, options);
  const stored = createChatDirectory(ctx.db);
  const directory = built.console ? withConsoleDefaults(stored, createChatPeople(ctx.db)) : stored;
  const refs = createMessageRefStore(ctx.db);
  const instanceId = options.instanceId ?? `bot-${randomUUID().slice(0, 8)}`;
  const outbox = createOutbox(ctx, { adapters: built.adapters, directory, refs }, instanceId);
  const gateway = createChatGateway({ adapters: built.adapters, directory, refs, logger: ctx.logger, outbox: outbox.deps });
  const routes = buildChatRoutes(
    { orders: dayOrdersOf(ctx), clock: ctx.clock, readReply: async (text) => parseReply(text) },
    options.features ?? [],
  );
  const dispatcher = createDispatcher({
    directory,
    gateway,
    logger: ctx.logger,
    routes,
    formsOnReceipt: FORMS_ON_RECEIPT.filter((p) => options.platforms.includes(p)),
    formErrorsOnReceipt: FORMS_ON_RECEIPT.filter((p) => options.platforms.includes(p)),
  });
  const people = createChatPeople(ctx.db);
  const alerts = createInboxAlerts({ gateway, directory, people: () => people.listActive(), clock: ctx.clock, logger: ctx.logger });
  inbox = createInbox({
    store: createInboxStore(ctx.db),
    logger: ctx.logger,
    clock: ctx.clock,
    owner: instanceId,
    settings: { ...ctx.config.inbox, leaseMs: ctx.config.inbox.timeBudgetMs + 15_000 },
    timer: wallClockTimer,
    // Every message sent while an event is processed is keyed by the event: a replay sends nothing twice.
    process: (envelope, meta) => withDeliveryCause({ key: `event:${meta.eventId}` }, () => dispatcher.process(envelope, meta)),
    onParked: alerts.parked,
    onStoreFailed: alerts.storeFailed,
    formFor: dispatcher.formFor,
    formErrorsFor: dispatcher.formErrorsFor,
  });
  return { ...built, inbox, gateway, directory, routes, outbox };
}
