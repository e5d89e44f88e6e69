import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi, type AuthorizeResult } from '@slack/bolt';
import type { Clock, Logger } from '../../application/ports.ts';
import { ChatDeliveryError, type ChatFile, type ChatInbound, type DeliveryAttempt, type PlatformAdapter, type PlatformHealth, type PlatformTarget } from '../../application/chat/ports.ts';
import type { FormView, MessageView } from '../../application/chat/view.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { SlackSettings } from './slack-settings.ts';
import { interruptible } from '../interruptible-sleep.ts';
import { boltLogger } from './bolt-logger.ts';
import { renderModal } from './render-modal.ts';
import { registerListeners } from './slack-listeners.ts';
import { SlackPoster } from './slack-poster.ts';
import { slackRequestRefusal } from './request-check.ts';
import { StoreFirstSocketModeReceiver } from './socket-receiver.ts';
import { DEFAULT_RETRY, SlackDeliveryError, wallClockSleep, withRetry, type RetryPolicy, type Sleep } from './slack-retry.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** The SLACK_* settings (slack-settings.ts) and the adapter's own limits. */
export interface SlackAdapterOptions extends SlackSettings {
  bodyLimitBytes?: number;
  /** Per Web API request; a timeout counts as an ambiguous failure. */
  requestTimeoutMs?: number;
}

export interface SlackAdapterDeps {
  logger: Logger;
  clock?: Clock;
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  newId?: () => string;
}

interface BotIdentity {
  botUserId?: string;
  botId?: string;
}

/** What /readyz may show of a failed auth.test (it is served unauthenticated): Slack's error code, not the message. */
const authFailure = (e: unknown): string => `auth.test failed (${(e as { data?: { error?: string }; code?: string }).data?.error ?? (e as { code?: string }).code ?? 'error'})`;

/** Slack through Bolt 5: inbound events go to the chat core's inbox, views go out as Block Kit. */
export class SlackAdapter implements PlatformAdapter {
  readonly platform = 'slack' as const;
  readonly opensFormsOnReceipt = true;
  private readonly client: webApi.WebClient;
  private readonly poster: SlackPoster;
  private readonly receiver?: HTTPReceiver;
  private readonly app: App;
  private identity?: Promise<BotIdentity>;
  private readonly pending = new Set<Promise<void>>();
  private readonly clock: Clock;
  /** HTTP mode: whether the last auth.test (at start or since) succeeded. Socket Mode: whether the WebSocket is connected. */
  private reachable = false;
  private readonly stopping = new AbortController();
  private lastError?: string;

  constructor(
    private readonly options: SlackAdapterOptions,
    private readonly deps: SlackAdapterDeps,
  ) {
    const logger = boltLogger(deps.logger);
    const clientOptions: webApi.WebClientOptions = {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.requestTimeoutMs ?? 15_000,
      logger,
    };
    this.clock = deps.clock ?? { now: () => new Date() };
    this.client = new webApi.WebClient(options.botToken, clientOptions);
    const retry = { ...DEFAULT_RETRY, ...deps.retry };
    const sleep = interruptible(deps.sleep ?? wallClockSleep, this.stopping.signal, () => new SlackDeliveryError('slack: the bot is stopping', true));
    this.poster = new SlackPoster({ client: this.client, logger: deps.logger, clock: this.clock, sleep, retry, newId: deps.newId });
    const authorize = async (): Promise<AuthorizeResult> => ({ botToken: options.botToken, ...(await this.botIdentity()) });
    const common = { authorize, clientOptions, logger, convoStore: false as const };
    if (options.mode === 'socket') {
      if (!options.appToken) throw new AppError(ErrorCode.ConfigInvalid, t('slack.settings.appTokenMissing'));
      const receiver = new StoreFirstSocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions } });
      receiver.client.on('connected', () => this.noteReachable(true));
      for (const state of ['disconnected', 'reconnecting'] as const) receiver.client.on(state, () => this.noteReachable(false, `socket ${state}`));
      this.app = new App({ ...common, socketMode: true, receiver });
    } else {
      if (!options.signingSecret) throw new AppError(ErrorCode.ConfigInvalid, t('slack.settings.signingSecretMissing'));
      this.receiver = new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: [SLACK_EVENTS_PATH],
        processBeforeResponse: true,
        bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
        logger,
      });
      this.app = new App({ ...common, receiver: this.receiver });
    }
  }

  /** Hands Slack's events to the chat core from now on (before start: Bolt runs the listeners registered here). */
  receiveInto(inbound: ChatInbound): void {
    registerListeners(this.app, {
      inbound,
      logger: this.deps.logger,
      context: async () => ({ ...(await this.botIdentity()), bureauChannelId: this.options.bureauChannelId, now: () => this.clock.now() }),
      openFormSoon: (userRef, triggerId, form) => this.track(this.openForm({ kind: 'user', userRef }, form, triggerId)),
    });
  }

  /**
   * Node request listener for POST /slack/events on the process's one HTTP server (HTTP mode only). The server has
   * buffered the body (`rawBody`, which Bolt reuses); requests Slack would never send are answered here at once.
   */
  readonly requestListener = (req: IncomingMessage & { rawBody?: Buffer }, res: ServerResponse): void => {
    if (!this.receiver) {
      res.writeHead(404).end();
      return;
    }
    if (!Buffer.isBuffer(req.rawBody)) {
      this.deps.logger.error('slack request not handled: mounted without a buffered body');
      res.writeHead(500).end();
      return;
    }
    const refusal = slackRequestRefusal(req.headers, req.rawBody, this.options.signingSecret!, Date.now());
    if (refusal) {
      this.deps.logger.warn('slack request refused', { status: refusal.status, reason: refusal.reason });
      res.writeHead(refusal.status).end();
      return;
    }
    try {
      this.receiver.requestListener(req, res);
    } catch (e) {
      this.deps.logger.error('slack request not handled', { error: (e as Error).message });
      if (!res.headersSent) res.writeHead(500).end();
    }
  };

  /** The bot's user and bot ids (auth.test), fetched once; a failure is logged and retried on the next event. */
  private botIdentity(): Promise<BotIdentity> {
    this.identity ??= this.client.auth.test().then(
      (r) => {
        if (this.options.mode === 'http') this.noteReachable(true);
        return { botUserId: r.user_id, botId: r.bot_id };
      },
      (e: Error) => {
        this.identity = undefined;
        if (this.options.mode === 'http') this.noteReachable(false, authFailure(e));
        this.deps.logger.warn('slack auth.test failed', { error: e.message });
        return {};
      },
    );
    return this.identity;
  }

  private track(work: Promise<void>): void {
    const p = work.catch((e: Error) => this.deps.logger.warn('slack form not opened', { error: e.message }));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  async start(): Promise<void> {
    try {
      const auth = await this.client.auth.test();
      this.identity = Promise.resolve({ botUserId: auth.user_id, botId: auth.bot_id });
      if (this.options.mode === 'http') this.noteReachable(true);
    } catch (e) {
      if (this.options.mode === 'http') this.noteReachable(false, authFailure(e));
      const code = (e as { data?: { error?: string } }).data?.error;
      if (code && AUTH_ERRORS.has(code)) {
        throw new AppError(ErrorCode.ConfigInvalid, `SLACK_BOT_TOKEN が Slack に受け付けられません (${code})`);
      }
      this.deps.logger.warn('slack auth.test failed at start, will retry on the first event', { error: (e as Error).message });
    }
    if (this.options.mode === 'socket') await this.app.start();
  }

  /** HTTP mode: auth.test succeeded at start or since; Socket Mode: the WebSocket is connected. */
  health(): PlatformHealth {
    // HTTP mode: a failed auth.test is tried again (at most one call in flight), so the next check can recover.
    if (!this.reachable && this.options.mode === 'http') void this.botIdentity();
    const what = this.options.mode === 'socket' ? 'socket mode' : 'http mode';
    if (this.reachable) return { ok: true, detail: `${what}: ${this.options.mode === 'socket' ? 'connected' : 'auth.test ok'}` };
    return { ok: false, detail: `${what}: ${this.lastError ?? 'not connected yet'}` };
  }

  private noteReachable(ok: boolean, error?: string): void {
    this.reachable = ok;
    if (!ok) this.lastError = error;
  }

  interruptRetries(): void {
    this.stopping.abort();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.options.mode === 'socket') await this.app.stop();
    await Promise.allSettled([...this.pending]);
  }

  async post(target: PlatformTarget, view: MessageView, existingRef?: string, attempt?: DeliveryAttempt): Promise<string> {
    try {
      return await this.poster.post(target, view, existingRef, attempt);
    } catch (e) {
      if (e instanceof ChatDeliveryError) throw e;
      throw new SlackDeliveryError(`slack post: ${(e as Error).message}`, false);
    }
  }

  /** Opens a modal with the trigger_id of a button press; Slack cannot open one without it. */
  async openForm(_target: PlatformTarget, form: FormView, triggerRef?: string): Promise<void> {
    if (!triggerRef) throw new SlackDeliveryError('slack: a modal opens only from a button press (no trigger_id)', false);
    const view = renderModal(form);
    // trigger_id lives 3 s: one attempt, no backoff.
    const once = { ...DEFAULT_RETRY, maxAttempts: 1 };
    await withRetry('views.open', () => this.client.views.open({ trigger_id: triggerRef, view }), once, wallClockSleep);
  }

  /** Uploads a file into a channel (or a user's DM) with files.uploadV2; `uploaded:` and the Slack file ids. */
  async uploadFile(target: PlatformTarget, file: ChatFile): Promise<string> {
    const ref = target.kind === 'user' ? target.userRef : target.channelRef;
    const ids = await this.poster.uploadFile(ref, file.bytes, file.filename, file.title);
    return `uploaded:${ids.join(',')}`;
  }
}
