import type { AppContext } from '../main.ts';
import { withConsoleDefaults } from '../adapters/console/console-directory.ts';
import { createChatDirectory, createMessageRefStore } from '../adapters/db/chat-directory-store.ts';
import { createChatPeople } from '../adapters/db/chat-people-store.ts';
import { createInboxStore } from '../adapters/db/inbox-store.ts';
import { parseReply } from '../adapters/nlp/reply-parser.ts';
import { createChatGateway, type ChatGateway } from '../application/chat/delivery.ts';
import { createDispatcher, type ChatRoutes } from '../application/chat/dispatcher.ts';
import { createInbox, type Inbox } from '../application/chat/inbox.ts';
import type { ChatDirectory, ChatInbound } from '../application/chat/ports.ts';
import { buildChatRoutes, type RouteModule } from '../application/chat/routes/index.ts';
import type { Platform } from '../application/chat/view.ts';
import { buildPlatforms, type BuiltPlatforms, type PlatformFactory } from './platforms.ts';
import { dayOrdersOf } from './wiring.ts';

export interface ChatRuntimeOptions {
  platforms: Platform[];
  factories?: Partial<Record<'slack' | 'teams', PlatformFactory>>;
  consoleSink?: (text: string) => void;
  /** Route modules of further features (results, doubts …), tried after help and 残り. */
  features?: RouteModule[];
}

export interface ChatRuntime extends BuiltPlatforms {
  inbox: Inbox;
  gateway: ChatGateway;
  directory: ChatDirectory;
  /** Every registered button, form and form opener (read-only: tests enumerate the actions). */
  routes: ChatRoutes;
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
  const built = await buildPlatforms(options.platforms, { inbound, logger: ctx.logger, clock: ctx.clock }, options);
  const stored = createChatDirectory(ctx.db);
  const directory = built.console ? withConsoleDefaults(stored, createChatPeople(ctx.db)) : stored;
  const gateway = createChatGateway({ adapters: built.adapters, directory, refs: createMessageRefStore(ctx.db), logger: ctx.logger });
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
  inbox = createInbox({
    store: createInboxStore(ctx.db),
    logger: ctx.logger,
    process: dispatcher.process,
    onFailure: dispatcher.reportFailure,
    formFor: dispatcher.formFor,
    formErrorsFor: dispatcher.formErrorsFor,
  });
  return { ...built, inbox, gateway, directory, routes };
}
