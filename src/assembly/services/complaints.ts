import type { AppContext } from '../context.ts';
import { createCaseLog } from '../../adapters/db/case-effects.ts';
import { createComplaintStore } from '../../adapters/db/complaint-store.ts';
import { createTimerStore } from '../../adapters/db/timer-store.ts';
import { createStaffStore } from '../../adapters/db/staff-store.ts';
import type { ComplaintWebhookDeps } from '../../adapters/http/complaint-webhook.ts';
import type { ChatGateway } from '../../application/chat/delivery.ts';
import type { ChatDirectory } from '../../application/chat/ports.ts';
import { DEFAULT_COMPLAINT_POLICY, type ComplaintDeps, type ComplaintPolicy } from '../../application/complaints/ports.ts';
import { recordComplaint, startComplaint } from '../../application/complaints/receive-complaint.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';

export type ComplaintChat = { gateway: Pick<ChatGateway, 'send' | 'platforms'>; directory: Pick<ChatDirectory, 'identitiesOf'> };

/** The CLI has no chat: its changes are sent by the running bot's timer runner ('deferred'); sending here is a bug. */
const NO_CHAT: ComplaintChat = {
  gateway: {
    platforms: [],
    send: async () => {
      throw new Error('the CLI does not send chat messages; the bot does');
    },
  },
  directory: { identitiesOf: async () => ({}) },
};

export interface ComplaintSettings {
  webhookSecret?: string;
  policy?: Partial<ComplaintPolicy>;
}

export const complaintSettingsOf = (ctx: AppContext): ComplaintSettings => ctx.config.complaints;

/**
 * Complaint use cases wired to the database, the staff store, the calendar and (in the bot) the chat. Without `chat`
 * (the CLI) delivery is deferred to the bot's timer runner.
 */
export function complaintDepsOf(ctx: AppContext, chat?: ComplaintChat, policy: Partial<ComplaintPolicy> = {}): ComplaintDeps {
  const staff = createStaffStore(ctx.db, ctx.clock);
  const configured = complaintSettingsOf(ctx).policy ?? {};
  return {
    complaints: createComplaintStore(ctx.db),
    log: createCaseLog(ctx.db),
    timers: createTimerStore(ctx.db),
    staff,
    staffStore: staff,
    calendar: ctx.calendar,
    gateway: (chat ?? NO_CHAT).gateway,
    directory: (chat ?? NO_CHAT).directory,
    clock: ctx.clock,
    logger: ctx.logger,
    policy: { ...DEFAULT_COMPLAINT_POLICY, ...configured, ...policy },
    delivery: chat ? 'inline' : 'deferred',
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
  };
}

/** What POST /webhooks/complaints needs: the secret, and the complaint use case with the signature as replay key. */
export function complaintWebhookDepsOf(ctx: Pick<AppContext, 'clock' | 'logger'>, deps: ComplaintDeps, secret: string): ComplaintWebhookDeps {
  return {
    secret,
    clock: ctx.clock,
    logger: ctx.logger,
    seen: (signature) => deps.complaints.inboundSeen('webhook', signature),
    receive: (body, signature) =>
      recordComplaint(deps, { ...body, via: 'webhook', actor: { actorId: null, channel: 'webhook' }, inbound: { platform: 'webhook', eventKey: signature } }),
    start: (recorded) => startComplaint(deps, recorded),
  };
}
