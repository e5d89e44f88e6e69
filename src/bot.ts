import type { AppContext } from './main.ts';
import type { ConsoleAdapter } from './adapters/console/console-adapter.ts';
import type { HttpServer } from './adapters/http/http-server.ts';
import { ConsoleSession } from './adapters/console/console-session.ts';
import { runRepl } from './adapters/console/repl.ts';
import { createChatPeople } from './adapters/db/chat-people-store.ts';
import { createJobClaims } from './adapters/db/job-run-store.ts';
import { localInstanceId, releaseDeadLocalClaims } from './adapters/db/dead-claims.ts';
import { DailyJobs } from './adapters/scheduler/daily-jobs.ts';
import { Scheduler, type Poller } from './adapters/scheduler/scheduler.ts';
import type { ChatGateway } from './application/chat/delivery.ts';
import type { PlatformAdapter } from './application/chat/ports.ts';
import type { ChatRoutes } from './application/chat/dispatcher.ts';
import type { Inbox } from './application/chat/inbox.ts';
import type { RouteModule } from './application/chat/routes/index.ts';
import type { Platform } from './application/chat/view.ts';
import type { PostDay } from './application/dispatch/ports.ts';
import { isIsoDate, parseHhmm, tokyoDate } from './domain/calendar/local-time.ts';
import { AppError, ErrorCode } from './errors.ts';
import { createChatRuntime } from './runtime/chat-runtime.ts';
import { parseReply } from './adapters/nlp/reply-parser.ts';
import { createEscalationRuntime, lateBoundGateway } from './runtime/escalation.ts';
import { createResultsRuntime } from './runtime/results.ts';
import { complaintRoutes } from './application/complaints/complaint-routes.ts';
import { complaintTimerHandlers } from './application/complaints/complaint-timers.ts';
import type { ComplaintDeps } from './application/complaints/ports.ts';
import { mountComplaintWebhook } from './adapters/http/complaint-webhook.ts';
import { complaintDepsOf, complaintWebhookDepsOf, lateBoundChat } from './runtime/complaints.ts';
import { exampleFiles, isDatabaseEmpty, loadDemoData, type DemoFiles, type DemoLoadReport } from './runtime/example-loader.ts';
import { createDayPoster, DEFAULT_MORNING_POST_AT, morningPostJob } from './runtime/morning-post.ts';
import { idCardReminderJob } from './runtime/id-card-job.ts';
import { createDispatchRuntime, orderWatchMsOf } from './runtime/dispatch.ts';
import { createDayEndRuntime } from './runtime/day-end.ts';
import { monthlyReportJob, reportFilesOf } from './runtime/report-jobs.ts';
import type { ReportFiles } from './application/reports/report-delivery.ts';
import type { DailyJob } from './adapters/scheduler/daily-jobs.ts';
import type { DayEndSettings } from './application/day-end/ports.ts';
import { choosePlatforms, type PlatformFactory, type PlatformSelection } from './runtime/platforms.ts';
import { t } from './templates.ts';

export interface BotOptions {
  /** The day the example orders are moved to (default: today in Asia/Tokyo). */
  date?: string;
  /** Which platforms are configured; `forceConsole` is `--console`. Default: the console. */
  platforms?: PlatformSelection;
  platformFactories?: Partial<Record<'slack' | 'teams', PlatformFactory>>;
  /** The HTTP server Slack (HTTP mode) and Teams receive on: listened after the adapters start, closed first on stop. */
  http?: { server: Pick<HttpServer, 'listen' | 'close' | 'register'>; port: number };
  /** HH:MM of the morning post (default 08:30). */
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
  /** Route modules of further features, and pollers (e.g. the durable timer runner) ticked with the jobs. */
  features?: RouteModule[];
  pollers?: Poller[];
  instanceId?: string;
  /** End of day: prompt time, reminder interval (default: dayEndSettingsOf(config)). */
  dayEnd?: Partial<DayEndSettings>;
  /** Console event keys prefix (tests replaying a session). */
  consoleSessionId?: string;
  /** How platform adapters wait between their own retries (default real timers; tests on a virtual clock must not wait). */
  sleep?: (ms: number) => Promise<void>;
}

export interface Bot {
  platforms: Platform[];
  inbox: Inbox;
  gateway: ChatGateway;
  /** The chat's registered buttons, forms and form openers (what a user can do). */
  routes: ChatRoutes;
  jobs: DailyJobs;
  postDay: PostDay;
  console?: { adapter: ConsoleAdapter; session: ConsoleSession };
  demo?: DemoLoadReport;
  recovered: number;
  /** Runs the daily jobs and pollers due at `now` (virtual clock). */
  tick(now: Date): ReturnType<Scheduler['tick']>;
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
  const at = options.morningPostAt ?? DEFAULT_MORNING_POST_AT;
  try {
    parseHhmm(at);
  } catch {
    throw new AppError(ErrorCode.ConfigInvalid, t('bot.badTime', { value: at }));
  }
  return { date, at };
}

async function loadDemoIfEmpty(ctx: AppContext, options: BotOptions, date: string, out: (s: string) => void) {
  if (!(options.loadExamples ?? ctx.config.loadExamples) || !(await isDatabaseEmpty(ctx))) return undefined;
  const demo = await loadDemoData(ctx, options.demoFiles ?? exampleFiles(ctx.config.examplesDir), date);
  out(`${t('bot.demoLoaded', { ...demo })}\n`);
  if (demo.rejected > 0) out(`${t('bot.demoRejected', { count: demo.rejected })}\n`);
  if (demo.unassigned > 0) out(`${t('bot.demoUnassigned', { count: demo.unassigned })}\n`);
  return demo;
}

function createScheduling(ctx: AppContext, postDay: PostDay, at: string, instanceId: string, pollers: Poller[], files: ReportFiles, more: DailyJob[] = []) {
  const jobs = new DailyJobs({ claims: createJobClaims(ctx.db), logger: ctx.logger, instanceId });
  jobs.register(morningPostJob(ctx, postDay, at, files));
  jobs.register(monthlyReportJob(ctx, files));
  for (const job of more) jobs.register(job);
  return { jobs, scheduler: new Scheduler(jobs, pollers, ctx.logger) };
}

/** POST /webhooks/complaints on the process's HTTP server, when a secret is configured. */
function mountWebhooks(ctx: AppContext, options: BotOptions, complaints: ComplaintDeps): void {
  const secret = ctx.config.complaints.webhookSecret;
  if (!secret) return;
  if (!options.http) {
    ctx.logger.warn('COMPLAINT_WEBHOOK_SECRET is set but no HTTP server runs: the complaint webhook is not mounted');
    return;
  }
  mountComplaintWebhook(options.http.server, complaintWebhookDepsOf(ctx, complaints, secret));
}

function startRepl(ctx: AppContext, session: ConsoleSession, options: BotOptions, out: (s: string) => void, lifecycle: Lifecycle): void {
  const people = createChatPeople(ctx.db);
  void runRepl({
    session,
    input: options.input!,
    write: out,
    users: () => people.listActive(),
    interactive: options.interactive ?? false,
    signal: lifecycle.signal,
  })
    .catch((e: unknown) => ctx.logger.error('console stopped on an error', { error: e instanceof Error ? e.message : String(e) }))
    .finally(() => void lifecycle.stop());
}

/**
 * The running bot (`kaiheisen start`): examples on an empty database, the chat platforms, the inbox (recovering
 * what a crash left), the morning post on the scheduler, and on the console a REPL over `input`.
 */
export async function startBot(ctx: AppContext, options: BotOptions = {}): Promise<Bot> {
  const out = options.out ?? ((s: string) => void process.stdout.write(s));
  const { date, at } = checkedOptions(ctx, options);
  const platforms = choosePlatforms(options.platforms ?? {});
  const instanceId = options.instanceId ?? localInstanceId();
  // Feature routes need the gateway, and the gateway is built with the routes: bind it once it exists.
  const late = lateBoundGateway();
  const complaintChat = lateBoundChat();
  const complaints = complaintDepsOf(ctx, complaintChat);
  const escalation = createEscalationRuntime(ctx, late.gateway, {
    instanceId,
    readReply: async (text) => parseReply(text),
    settings: ctx.config.escalation,
    otherTimerHandlers: complaintTimerHandlers(complaints),
  });
  const dispatch = createDispatchRuntime(ctx, late.gateway, { instanceId, orderWatchMs: orderWatchMsOf(ctx.config) });
  // Complaints before escalation: the doubt route's parser would otherwise take 「苦情 …」.
  const dayEnd = createDayEndRuntime(ctx, late.gateway, { instanceId, settings: options.dayEnd });
  const results = createResultsRuntime(ctx, late.gateway, {
    consentFor: escalation.consentFor,
    pendingMinutes: ctx.config.results.pendingMinutes,
  });
  // Results just before the escalation (a result and its answers come first), their pending question after it.
  const features = [
    ...(options.features ?? []),
    dispatch.routes,
    complaintRoutes(complaints),
    dayEnd.routes,
    results.routes.main,
    escalation.routes,
    results.routes.pending,
  ];
  const chat = await createChatRuntime(ctx, { platforms, factories: options.platformFactories, consoleSink: out, features, instanceId, sleep: options.sleep });
  // The examples only once the platforms are built: a configuration error must not leave them in a real database.
  const demo = await loadDemoIfEmpty(ctx, options, date, out);
  late.bind(chat.gateway);
  dayEnd.bind(chat);
  complaintChat.bind({ gateway: chat.gateway, directory: chat.directory });
  mountWebhooks(ctx, options, complaints);
  const postDay = createDayPoster(ctx, chat.gateway);
  const pollers = [...(options.pollers ?? []), inboxPoller(chat.inbox), ...escalation.pollers, ...dispatch.pollers, ...dayEnd.pollers, chat.outbox.poller];
  const { jobs, scheduler } = createScheduling(ctx, postDay, at, instanceId, pollers, reportFilesOf(ctx, chat), [
    ...dayEnd.jobs,
    idCardReminderJob(ctx, chat.gateway),
  ]);
  for (const adapter of chat.adapters) await adapter.start();
  if (options.http) out(`${t('bot.listening', { port: await options.http.server.listen(options.http.port) })}\n`);
  const released = await releaseDeadLocalClaims(ctx.db);
  if (released > 0) ctx.logger.info('claims of a crashed process on this host taken back', { released });
  const recovered = await chat.inbox.recover();
  if (recovered > 0) out(`${t('bot.recovered', { count: recovered })}\n`);
  const lifecycle = createLifecycle(async () => {
    await options.http?.server.close();
    await scheduler.stop();
    for (const adapter of chat.adapters) await adapter.stop();
    await chat.inbox.stop();
    await chat.outbox.releaseClaims();
    out(`${t('bot.stopped')}\n`);
  }, options.handleSignals === true);
  // Said once the signal handlers are in place: a supervisor that sends SIGTERM as soon as it reads this line
  // gets a clean stop, not the default kill.
  out(`${t('bot.started', { platforms: platforms.join(', '), time: at })}\n`);
  // After the signal handlers: a SIGTERM during the first tick stops the bot cleanly (stop waits for the tick).
  if (options.wallClock !== false) await scheduler.startWallClock(ctx.clock);
  const session = chat.console
    ? new ConsoleSession({ adapter: chat.console, inbound: chat.inbox, drain: chat.inbox.drain, clock: ctx.clock, sessionId: options.consoleSessionId })
    : undefined;
  if (session && options.input) startRepl(ctx, session, options, out, lifecycle);
  return {
    platforms,
    inbox: chat.inbox,
    gateway: chat.gateway,
    routes: chat.routes,
    jobs,
    postDay,
    console: chat.console && session ? { adapter: chat.console, session } : undefined,
    demo,
    recovered,
    tick: (now) => scheduler.tick(now),
    scheduler,
    adapters: chat.adapters,
    done: lifecycle.done,
    stop: lifecycle.stop,
  };
}

/** Every second: events another instance stored (or left behind) that are free now, and attempts over their time budget. */
const inboxPoller = (inbox: Inbox): Poller => ({ name: 'inbox', everyMs: 1_000, tick: (now) => inbox.poll(now) });

interface Lifecycle {
  stop(): Promise<void>;
  done: Promise<void>;
  signal: AbortSignal;
}

/** stop() once, from whichever comes first: the caller, the end of the console input, SIGINT or SIGTERM. */
function createLifecycle(shutdown: () => Promise<void>, handleSignals: boolean): Lifecycle {
  const abort = new AbortController();
  let stopping: Promise<void> | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const onSignal = () => void stop();
  function stop(): Promise<void> {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      abort.abort();
      try {
        await shutdown();
      } finally {
        finished();
      }
    })();
    return stopping;
  }
  if (handleSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { stop, done, signal: abort.signal };
}
