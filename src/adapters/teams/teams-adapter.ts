import type { CloudAdapter } from 'botbuilder';
import { ChatDeliveryError, type ChatInbound, type DeliveryAttempt, type PlatformAdapter, type PlatformHealth, type PlatformTarget } from '../../application/chat/ports.ts';
import type { FormView, MessageView } from '../../application/chat/view.ts';
import type { Clock, Logger } from '../../application/ports.ts';
import { t } from '../../templates.ts';
import { resolveTarget, type ConversationStore, type TeamsReference } from './conversation-references.ts';
import { DEFAULT_RETRY, realSleep, type RetryOptions } from './delivery-retry.ts';
import { renderFormCard, renderMessageCards, submittedCard } from './render-card.ts';
import { decodeRef, deliverCards, encodeRef, updateCard, type Outbound } from './teams-delivery.ts';
import { createTeamsHttpHandler, DEFAULT_MAX_BODY_BYTES as TEAMS_MAX_BODY_BYTES, type HttpHandler } from './teams-http-handler.ts';
import { createTurnLogic } from './teams-turn.ts';
import { interruptible } from '../interruptible-sleep.ts';
import { createCloudAdapter } from './cloud-adapter.ts';
import type { TeamsSettings } from './teams-settings.ts';

export interface TeamsAdapterDeps {
  settings: TeamsSettings;
  /** Conversation references (src/adapters/db/conversation-store.ts). */
  store: ConversationStore;
  clock: Clock;
  logger: Logger;
  /** Defaults to real timers; tests pass a recorder so nothing waits on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<Omit<RetryOptions, 'sleep'>>;
  /** Card size limit (bytes of JSON); tests lower it to exercise splitting. */
  maxCardBytes?: number;
  maxBodyBytes?: number;
  /** The process's HTTP server: receiveInto() mounts POST /api/messages on it (absent: the caller mounts httpHandler). */
  http?: { register(method: string, path: string, handler: HttpHandler, opts?: { bodyLimitBytes?: number }): void };
}

const TEAMS_MESSAGES_PATH = '/api/messages';

/**
 * Microsoft Teams through the Bot Framework (botbuilder CloudAdapter). Outbound posts are proactive: from the
 * conversation reference stored when the user or channel last wrote (or installed the bot), so they work after
 * a restart. Views are Adaptive Cards; button presses and form submits come back as Action.Submit messages.
 */
export class TeamsAdapter implements PlatformAdapter {
  readonly platform = 'teams' as const;
  private readonly cloud: CloudAdapter;
  private readonly outbound: Outbound;
  private readonly pending = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  /** The outcome of the last outbound call (post, form): /readyz reports a failure until a call succeeds again. */
  private lastOutbound?: { ok: boolean; at: Date; retryable?: boolean };

  /** Throws AppError(ConfigInvalid) naming TEAMS_APP_ID etc. when the settings would start an unauthenticated bot. */
  constructor(private readonly deps: TeamsAdapterDeps) {
    this.cloud = createCloudAdapter(deps.settings);
    const stoppingError = () => new ChatDeliveryError('teams', 'teams: the bot is stopping', true);
    const retry = { ...DEFAULT_RETRY, ...deps.retry, sleep: interruptible(deps.sleep ?? realSleep, this.stopping.signal, stoppingError) };
    this.outbound = { cloud: this.cloud, appId: deps.settings.appId, retry };
  }

  async post(target: PlatformTarget, view: MessageView, existingRef?: string, attempt?: DeliveryAttempt): Promise<string> {
    const reference = await resolveTarget(this.deps.store, target);
    const cards = renderMessageCards(view, this.deps.maxCardBytes);
    // attempt.retryBudgetMs: waits that long at most between retries, then the outbox retries the delivery.
    const outbound = attempt?.retryBudgetMs !== undefined ? { ...this.outbound, retry: { ...this.outbound.retry, maxTotalWaitMs: attempt.retryBudgetMs } } : this.outbound;
    return encodeRef(await this.noted(deliverCards(outbound, reference, cards, view.summary, decodeRef(existingRef))));
  }

  /** Teams has no modal for a bot message: the form is posted as a card with inputs. */
  async openForm(target: PlatformTarget, form: FormView): Promise<void> {
    const reference = await resolveTarget(this.deps.store, target);
    await this.noted(deliverCards(this.outbound, reference, [renderFormCard(form)], form.title));
  }

  /** Configured (the settings were checked on construction); not ok while the last outbound call failed. */
  health(): PlatformHealth {
    const last = this.lastOutbound;
    if (!last) return { ok: true, detail: 'configured; no outbound call yet' };
    if (last.ok) return { ok: true, detail: `configured; last outbound call ok at ${last.at.toISOString()}` };
    return { ok: false, detail: `last outbound call failed at ${last.at.toISOString()}${last.retryable ? ' (retryable)' : ''}` };
  }

  private async noted<T>(call: Promise<T>): Promise<T> {
    try {
      const value = await call;
      this.lastOutbound = { ok: true, at: this.deps.clock.now() };
      return value;
    } catch (e) {
      this.lastOutbound = { ok: false, at: this.deps.clock.now(), retryable: e instanceof ChatDeliveryError && e.retryable };
      throw e;
    }
  }

  /** Settings were checked on construction; the HTTP endpoint is mounted by the server (see httpHandler). */
  async start(): Promise<void> {}

  interruptRetries(): void {
    this.stopping.abort();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.whenIdle();
  }

  /** Mounts POST /api/messages on the server: the server reads the body within the Teams limit, the handler takes it (rawBody). */
  receiveInto(inbound: ChatInbound): void {
    this.deps.http?.register('POST', TEAMS_MESSAGES_PATH, this.httpHandler(inbound), { bodyLimitBytes: this.deps.maxBodyBytes ?? TEAMS_MAX_BODY_BYTES });
  }

  /** The POST /api/messages handler, delivering inbound events to the chat core. */
  httpHandler(inbound: ChatInbound): HttpHandler {
    const { store, clock, logger, settings } = this.deps;
    const logic = createTurnLogic({
      inbound,
      store,
      clock,
      logger,
      bureauChannelId: settings.bureauChannelId,
      sendForm: async (reference, form) => void (await deliverCards(this.outbound, replyTo(reference), [renderFormCard(form)], form.title)),
      markSubmitted: (reference, activityId) => this.replaceCard(reference, activityId),
      later: (what, task) => this.later(what, task),
    });
    return createTeamsHttpHandler(this.cloud, logic, { logger, maxBodyBytes: this.deps.maxBodyBytes });
  }

  /** Resolves when the follow-up work of every inbound activity so far is done (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private replaceCard(reference: TeamsReference, activityId: string): Promise<void> {
    const card = submittedCard();
    return updateCard(this.outbound, replyTo(reference), activityId, card, t('teams.form.submitted'));
  }

  private later(what: string, task: () => Promise<void>): void {
    const run: Promise<void> = task()
      .catch((e: unknown) => this.deps.logger.warn(`teams: ${what} failed`, { error: e instanceof Error ? e.message : String(e) }))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }
}

/** A reply goes into the conversation (and, in a channel, the thread) the event came from, as a new message. */
function replyTo(reference: TeamsReference): TeamsReference {
  const { activityId: _ignored, ...rest } = reference;
  return rest;
}
