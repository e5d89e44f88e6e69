import type { AppContext } from './context.ts';
import type { SettableClock } from '../adapters/clock/clocks.ts';
import type { ClockPlacement } from '../domain/calendar/console-start.ts';
import type { ClockDriver } from './clock-driver.ts';
import { catchUpToDate, consoleClockDriver, consoleClockPoller, placeClockOnStart, placementLines } from './console-clock.ts';
import type { ConsoleAdapter } from '../adapters/console/console-adapter.ts';
import { ConsoleSession } from '../adapters/console/console-session.ts';
import { runRepl } from '../adapters/console/repl.ts';
import { createChatPeople } from '../adapters/db/chat-people-store.ts';
import { localInstanceId, releaseDeadLocalClaims } from '../adapters/db/dead-claims.ts';
import { mountHealthRoutes } from '../adapters/http/health-routes.ts';
import type { HttpServer } from '../adapters/http/http-server.ts';
import { parseReply } from '../adapters/nlp/reply-parser.ts';
import type { DailyJobs } from '../adapters/scheduler/daily-jobs.ts';
import type { Poller, Scheduler } from '../adapters/scheduler/scheduler.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import type { ChatRoutes } from '../application/chat/dispatcher.ts';
import type { Inbox } from '../application/chat/inbox.ts';
import type { ChatDirectory, PlatformAdapter } from '../application/chat/ports.ts';
import { buildChatRoutes, type RouteModule } from '../application/chat/routes/index.ts';
import type { Platform } from '../application/chat/view.ts';
import type { DayEndSettings } from '../application/day-end/ports.ts';
import type { PostDay } from '../application/dispatch/ports.ts';
import { isIsoDate, parseHhmm, tokyoDate } from '../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { assertAssignBeforePost } from '../config.ts';
import type { Feature, FeatureParts } from '../features/feature.ts';
import { t } from '../templates.ts';
import { createChatInbound, createChatOutbound, type ChatOutbound } from './chat/chat-core.ts';
import { exampleFiles, loadExamplesIfEmpty, type DemoFiles, type DemoLoadReport } from './examples/example-loader.ts';
import { FEATURES } from './features.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import { buildPlatforms, choosePlatforms, platformPartsOf, type PlatformFactory, type PlatformSelection } from './platforms/registry.ts';
import { scheduledWorkOf } from './scheduled-work.ts';
import { dayPosterOf } from './services/dispatch.ts';
import type { EscalationSettings } from './services/escalation.ts';
import { readinessDepsOf } from './services/health.ts';
import { dayOrdersOf } from './services/work-orders.ts';

/** Every second: events another instance stored (or left behind) that are free now, and attempts over their time budget. */
export const INBOX_POLLER = { name: 'inbox', everyMs: 1_000 } as const;

export interface BotOptions {
  /** The day the example orders are moved to (default: today in Asia/Tokyo). */
  date?: string;
  /** Which platforms are configured; `forceConsole` is `--console`. Default: the console. */
  platforms?: PlatformSelection;
  /** Stand-ins for platforms' adapters (tests); a platform without one is built from its registry module. */
  platformFactories?: Partial<Record<Platform, PlatformFactory>>;
  /** The HTTP server Slack (HTTP mode), Teams, webhooks and /healthz receive on: listened after the adapters start, closed first on stop. */
  http?: { server: Pick<HttpServer, 'listen' | 'close' | 'register'>; port: number };
  /** HH:MM of the morning post (default: MORNING_POST_TIME). */
  morningPostAt?: string;
  /** Load the examples into an empty database (default: config.loadExamples). */
  loadExamples?: boolean;
  /** Staff file and orders for that (default: the examples folder of the configuration). */
  demoFiles?: DemoFiles;
  /** false: no node-schedule; the caller drives `bot.tick(now)` from its (virtual) clock. Default true. */
  wallClock?: boolean;
  /** The console's line input: with the console platform, a REPL reads it; the bot stops at its end. */
  input?: NodeJS.ReadableStream;
  interactive?: boolean;
  /** Status lines and everything the console shows (default: stdout). */
  out?: (text: string) => void;
  /** Stop on SIGINT / SIGTERM (the `start` command). */
  handleSignals?: boolean;
  /** Route modules tried before every feature's (tests: a poison route, a probe). */
  extraRoutes?: RouteModule[];
  /** Pollers ticked before the features' (the heartbeat). */
  pollers?: Poller[];
  instanceId?: string;
  /** End of day: prompt time, reminder interval (default: DAY_END_PROMPT_TIME …). */
  dayEnd?: Partial<DayEndSettings>;
  /** Escalation reminders and watchdog (default: DOUBT_REMIND_MINUTES …). */
  escalation?: EscalationSettings;
  /** Console event keys prefix (tests replaying a session). */
  consoleSessionId?: string;
  /**
   * The console's clock a person drives (/time, /next): it must be ctx.clock. With `placeClock` (`kaiheisen start`)
   * it is placed before the first tick: at the morning of `date`, or on a first start at a day that can be worked.
   * Only with the console: Slack and Teams run on the system clock.
   */
  drivenClock?: SettableClock;
  placeClock?: boolean;
  /** How platform adapters wait between their own retries (default real timers; tests on a virtual clock must not wait). */
  sleep?: (ms: number) => Promise<void>;
}

export interface Bot {
  platforms: Platform[];
  inbox: Inbox;
  gateway: ChatGateway;
  /** Who is reachable where (chat identities, the bureau channel). */
  directory: ChatDirectory;
  /** The chat's registered buttons, forms and form openers (what a user can do). */
  routes: ChatRoutes;
  /** The features as assembled (their jobs, pollers, timer kinds). */
  features: readonly Feature[];
  jobs: DailyJobs;
  postDay: PostDay;
  console?: { adapter: ConsoleAdapter; session: ConsoleSession };
  demo?: DemoLoadReport;
  /** Where the console's clock was placed on start (with `placeClock`). */
  placement?: ClockPlacement;
  /** The console's clock as /time and /next move it (with `drivenClock`). */
  clock?: ClockDriver;
  recovered: number;
  /** Runs the daily jobs and pollers due at `now` (virtual clock). */
  tick(now: Date): ReturnType<Scheduler['tick']>;
  /** Runs the durable timers (escalation steps, pages, reminders) due at `now`; the number run. */
  tickTimers(now: Date): Promise<number>;
  /** For the readiness checks (/readyz): when the scheduler last ticked, and the platform adapters. */
  scheduler: Pick<Scheduler, 'lastTickAt' | 'pollIntervalMs'>;
  adapters: readonly PlatformAdapter[];
  /** Resolves once the bot has stopped (end of console input, a signal, or stop()). */
  readonly done: Promise<void>;
  /** Stops the scheduler and the adapters and drains the inbox. The context (database) stays open for its owner. */
  stop(): Promise<void>;
}

function checkedOptions(ctx: AppContext, options: BotOptions): { date: string; at: string } {
  const date = options.date ?? tokyoDate(ctx.clock.now());
  if (!isIsoDate(date)) throw new AppError(ErrorCode.InvalidInput, t('bot.badDate', { value: date }));
  const at = options.morningPostAt ?? ctx.config.morningPostTime;
  try {
    parseHhmm(at);
  } catch {
    throw new AppError(ErrorCode.ConfigInvalid, t('bot.badTime', { value: at }));
  }
  assertAssignBeforePost(ctx.config.assignTime, at);
  return { date, at };
}

async function loadDemoIfEmpty(ctx: AppContext, options: BotOptions, date: string, out: (s: string) => void) {
  if (!(options.loadExamples ?? ctx.config.loadExamples)) return undefined;
  const demo = await loadExamplesIfEmpty(ctx, () => options.demoFiles ?? exampleFiles(ctx.config.examplesDir), date);
  if (!demo) return undefined;
  out(`${t('bot.demoLoaded', { ...demo })}\n`);
  if (demo.rejected > 0) out(`${t('bot.demoRejected', { count: demo.rejected })}\n`);
  if (demo.unassigned > 0) out(`${t('bot.demoUnassigned', { count: demo.unassigned })}\n`);
  return demo;
}

/** The clock a person drives, when the console runs; it must be the one every feature reads (ctx.clock). */
function drivenClockOf(ctx: AppContext, options: BotOptions, consoleRuns: boolean): SettableClock | undefined {
  if (!options.drivenClock || !consoleRuns) return undefined;
  if (options.drivenClock !== ctx.clock) throw new Error('the console\'s driven clock must be the context\'s clock');
  return options.drivenClock;
}

/** The chat's routes: every feature's buttons, forms and intent handlers; each message read once by the parser. */
function routesOf(ctx: AppContext, features: readonly Feature[], extra: RouteModule[]): ChatRoutes {
  const modules = [...extra, ...features.flatMap((f) => f.routes ?? [])];
  return buildChatRoutes({ orders: dayOrdersOf(ctx), clock: ctx.clock, parse: (text, awaiting) => parseReply(text, awaiting ? { awaiting } : {}) }, modules);
}

/** Each feature's HTTP routes on the process's server; without a server, a feature that needs one is reported. */
function mountFeatureHttp(ctx: AppContext, features: readonly Feature[], server: Pick<HttpServer, 'register'> | undefined): void {
  for (const feature of features.filter((f) => f.http)) {
    if (server) feature.http!(server);
    else ctx.logger.warn('no HTTP server runs: the feature\'s HTTP routes are not mounted', { feature: feature.name });
  }
}

function startRepl(ctx: AppContext, session: ConsoleSession, options: BotOptions, out: (s: string) => void, lifecycle: Lifecycle, clock?: ClockDriver): void {
  const people = createChatPeople(ctx.db);
  const users = () => people.listActive();
  void runRepl({ session, input: options.input!, write: out, users, interactive: options.interactive ?? false, signal: lifecycle.signal, ...(clock ? { clock } : {}) })
    .catch((e: unknown) => ctx.logger.error('console stopped on an error', { error: e instanceof Error ? e.message : String(e) }))
    .finally(() => void lifecycle.stop());
}

/** Every feature of src/assembly/features.ts, built on the chat's sending side. */
export function assembleFeatures(ctx: AppContext, chat: ChatOutbound, platforms: Platform[], instanceId: string, settings: FeatureParts['settings']): readonly Feature[] {
  const parts: FeatureParts = {
    ctx,
    chat: { gateway: chat.gateway, directory: chat.directory, platforms, files: chat.files, bureauFiles: chat.bureauFiles },
    instanceId,
    settings,
  };
  return FEATURES.map((feature) => feature(parts));
}

/** The chat's sending side first (platform adapters, outbox, gateway), so that every feature is built with it. */
async function assembleChat(ctx: AppContext, options: BotOptions, platforms: Platform[], instanceId: string, out: (s: string) => void): Promise<ChatOutbound> {
  const parts = platformPartsOf(ctx, { http: options.http?.server, consoleSink: out, ...(options.sleep ? { sleep: options.sleep } : {}) });
  const built = await buildPlatforms(platforms, parts, options.platformFactories);
  return createChatOutbound(ctx, built, instanceId);
}

/**
 * The running bot (`kaiheisen start`): the chat platforms, every feature of src/assembly/features.ts, the inbox
 * (recovering what a crash left), the scheduler, examples on an empty database, and on the console a REPL.
 */
export async function startBot(ctx: AppContext, options: BotOptions = {}): Promise<Bot> {
  const out = options.out ?? ((s: string) => void process.stdout.write(s));
  const { date, at } = checkedOptions(ctx, options);
  const platforms = choosePlatforms(options.platforms ?? {});
  const instanceId = options.instanceId ?? localInstanceId();
  const chat = await assembleChat(ctx, options, platforms, instanceId, out);
  const features = assembleFeatures(ctx, chat, platforms, instanceId, { morningPostAt: at, dayEnd: options.dayEnd, escalation: options.escalation });
  const routes = routesOf(ctx, features, options.extraRoutes ?? []);
  const inbox = createChatInbound(ctx, chat, routes, instanceId);
  const driven = drivenClockOf(ctx, options, chat.console !== undefined);
  const inboxPoller: Poller = { ...INBOX_POLLER, tick: (now) => inbox.poll(now) };
  const work = scheduledWorkOf(ctx, features, {
    instanceId,
    before: [...(options.pollers ?? []), inboxPoller, ...(driven ? [consoleClockPoller(ctx, driven)] : [])],
    after: [chat.outbox.poller],
    timerPollMs: options.escalation?.timerPollMs ?? ctx.config.escalation.timerPollMs,
  });
  const placement = driven && options.placeClock ? await placeClockOnStart(ctx, work.jobs, driven, options.date) : undefined;
  // The examples only once the platforms are built: a configuration error must not leave them in a real database.
  const demo = await loadDemoIfEmpty(ctx, options, placement?.date ?? date, out);
  if (placement) out(placementLines(placement));
  const clock = driven ? consoleClockDriver(ctx, driven, work, (now) => work.scheduler.tickReport(now)) : undefined;
  mountFeatureHttp(ctx, features, options.http?.server);
  if (options.http) mountHealthRoutes(options.http.server, { ...readinessDepsOf(ctx), logger: ctx.logger }).bind({ scheduler: work.scheduler, platforms: chat.adapters });
  for (const adapter of chat.adapters) await adapter.start();
  if (options.http) out(`${t('bot.listening', { port: await options.http.server.listen(options.http.port) })}\n`);
  const released = await releaseDeadLocalClaims(ctx.db);
  if (released > 0) ctx.logger.info('claims of a crashed process on this host taken back', { released });
  const recovered = await inbox.recover();
  if (recovered > 0) out(`${t('bot.recovered', { count: recovered })}\n`);
  const lifecycle = createLifecycle(async () => {
    await options.http?.server.close();
    // A delivery waiting between retries (a platform down) must not hold the stop: it stays in the outbox.
    for (const adapter of chat.adapters) adapter.interruptRetries?.();
    await work.scheduler.stop();
    for (const adapter of chat.adapters) await adapter.stop();
    await inbox.stop();
    await chat.outbox.releaseClaims();
    out(`${t('bot.stopped')}\n`);
  }, options.handleSignals === true);
  // Said once the signal handlers are in place: a supervisor that sends SIGTERM as soon as it reads this line
  // gets a clean stop, not the default kill.
  out(`${t('bot.started', { platforms: platforms.join(', '), time: at })}\n`);
  // After the signal handlers: a SIGTERM during the first tick stops the bot cleanly (stop waits for the tick).
  if (options.wallClock !== false) await (driven ? work.scheduler.startOnClock(driven) : work.scheduler.startWallClock(ctx.clock));
  const caughtUp = await catchUpToDate(placement, clock);
  if (caughtUp) out(caughtUp);
  const session = chat.console
    ? new ConsoleSession({ adapter: chat.console, inbound: inbox, drain: inbox.drain, clock: ctx.clock, sessionId: options.consoleSessionId })
    : undefined;
  if (session && options.input) startRepl(ctx, session, options, out, lifecycle, clock);
  return {
    platforms,
    inbox,
    gateway: chat.gateway,
    directory: chat.directory,
    routes,
    features,
    jobs: work.jobs,
    postDay: dayPosterOf(ctx, chat.gateway),
    console: chat.console && session ? { adapter: chat.console, session } : undefined,
    demo,
    ...(placement ? { placement } : {}),
    ...(clock ? { clock } : {}),
    recovered,
    tick: (now) => work.scheduler.tick(now),
    tickTimers: work.tickTimers,
    scheduler: work.scheduler,
    adapters: chat.adapters,
    done: lifecycle.done,
    stop: lifecycle.stop,
  };
}
