import type { AppContext } from '../context.ts';
import type { ConsoleAdapter } from '../../adapters/console/console-adapter.ts';
import { withConsoleDefaults } from '../../adapters/console/console-directory.ts';
import { createChatDirectory, createMessageRefStore } from '../../adapters/db/chat-directory-store.ts';
import { createChatPeople } from '../../adapters/db/chat-people-store.ts';
import { createFormConversationStore } from '../../adapters/db/form-conversation-store.ts';
import { createInboxStore } from '../../adapters/db/inbox-store.ts';
import { withDeliveryCause } from '../../adapters/scheduler/delivery-cause.ts';
import { createChatGateway, type ChatGateway } from '../../application/chat/delivery.ts';
import { createDispatcher, type ChatRoutes } from '../../application/chat/dispatcher.ts';
import { createFormConversations } from '../../application/chat/form-conversation.ts';
import { createInbox, type BudgetTimer, type Inbox } from '../../application/chat/inbox.ts';
import { createInboxAlerts } from '../../application/chat/inbox-alerts.ts';
import type { ChatDirectory, PlatformAdapter } from '../../application/chat/ports.ts';
import type { BureauFiles } from '../../application/day-end/ports.ts';
import type { ReportFiles } from '../../application/reports/report-delivery.ts';
import { createBureauFiles } from '../../application/day-end/bureau-files.ts';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox.ts';
import { createReportFiles } from '../../application/chat/file-delivery.ts';

/** The inbox's time budget on the wall clock (unref'd: it never keeps the process alive). */
const wallClockTimer: BudgetTimer = (ms, onElapsed) => {
  const handle = setTimeout(onElapsed, ms);
  handle.unref();
  return () => clearTimeout(handle);
};

/** The sending side of the chat: everything a feature needs to reach people. Built before any feature. */
export interface ChatOutbound {
  adapters: PlatformAdapter[];
  console?: ConsoleAdapter;
  gateway: ChatGateway;
  directory: ChatDirectory;
  files: ReportFiles;
  bureauFiles: BureauFiles;
  /** Durable deliveries: the sender (a poller) and the claims to release on a clean stop. */
  outbox: Pick<Outbox, 'poller' | 'releaseClaims'>;
}

/** Gateway → outbox → platform adapters, with the directory of who is reachable where, and the report files. */
export function createChatOutbound(
  ctx: AppContext,
  platforms: { adapters: PlatformAdapter[]; console?: ConsoleAdapter },
  instanceId: string,
  outboxOptions: OutboxOptions = {},
): ChatOutbound {
  const stored = createChatDirectory(ctx.db);
  const directory = platforms.console ? withConsoleDefaults(stored, createChatPeople(ctx.db)) : stored;
  const refs = createMessageRefStore(ctx.db);
  const { adapters } = platforms;
  const outbox = createOutbox(ctx, { adapters, directory, refs }, instanceId, outboxOptions);
  const gateway = createChatGateway({ adapters, directory, refs, logger: ctx.logger, outbox: outbox.deps });
  const fileDeps = { adapters, directory, logger: ctx.logger };
  return { ...platforms, gateway, directory, files: createReportFiles(fileDeps), bureauFiles: createBureauFiles(fileDeps), outbox };
}

/**
 * The receiving side: adapters → inbox (persist, then work) → dispatcher → routes. Each adapter starts handing its
 * events to the inbox here, once every route exists.
 */
export function createChatInbound(ctx: AppContext, chat: ChatOutbound, routes: ChatRoutes, instanceId: string): Inbox {
  const { gateway, directory } = chat;
  const formsOnReceipt = chat.adapters.filter((a) => a.opensFormsOnReceipt).map((a) => a.platform);
  // A platform without modals gets its forms as conversations, one field at a time.
  const withoutModals = chat.adapters.filter((a) => !a.openForm).map((a) => a.platform);
  const conversations = createFormConversations({ store: createFormConversationStore(ctx.db), send: gateway.send, clock: ctx.clock, logger: ctx.logger });
  const formConversations = withoutModals.length > 0 ? { platforms: withoutModals, conversations } : undefined;
  const dispatcher = createDispatcher({ directory, gateway, logger: ctx.logger, routes, formsOnReceipt, formErrorsOnReceipt: formsOnReceipt, formConversations });
  const people = createChatPeople(ctx.db);
  const alerts = createInboxAlerts({ gateway, directory, people: () => people.listActive(), clock: ctx.clock, logger: ctx.logger });
  const inbox = createInbox({
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
  for (const adapter of chat.adapters) adapter.receiveInto?.(inbox);
  return inbox;
}
