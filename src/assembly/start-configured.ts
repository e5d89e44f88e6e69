import type { AppContext } from './context.ts';
import { createHealthStore } from '../adapters/db/health-store.ts';
import { startBot, type Bot, type BotOptions } from './assemble-bot.ts';
import { platformSetupOf } from './platforms/platform-setup.ts';
import { heartbeatPoller } from './services/health.ts';
import type { SettableClock } from '../adapters/clock/clocks.ts';

/** What `kaiheisen start` decides from its flags; everything else comes from the configuration. */
export interface StartOptions extends Pick<
  BotOptions,
  'date' | 'input' | 'interactive' | 'out' | 'handleSignals' | 'wallClock' | 'instanceId' | 'loadExamples' | 'demoFiles' | 'sleep' | 'extraRoutes'
> {
  /** The console's clock (ctx.clock), placed on start and driven by /time and /next; ignored without the console. */
  drivenClock?: SettableClock;
  /** `--console`: the console only, whatever is configured. */
  console?: boolean;
  /** Listen on this port instead of PORT (0: a free one; tests). */
  port?: number;
}

/**
 * The bot as `kaiheisen start` assembles it from the configuration: the configured platforms on one HTTP server,
 * the webhooks, /healthz and /readyz, the scheduler (with the heartbeat `kaiheisen status` reads). Tests that prove
 * the running bot start it through here.
 */
export async function startConfiguredBot(ctx: AppContext, options: StartOptions = {}): Promise<Bot & { port?: number }> {
  const { console: forceConsole, port, ...rest } = options;
  const setup = platformSetupOf(ctx, forceConsole === true);
  const consoleRuns = setup.chosen.includes('console');
  const clock = consoleRuns && options.drivenClock ? { drivenClock: options.drivenClock, placeClock: true } : { drivenClock: undefined };
  const http = setup.http && port !== undefined ? { ...setup.http, port } : setup.http;
  const bot = await startBot(ctx, { ...rest, ...clock, platforms: setup.selection, http, pollers: [heartbeatPoller(createHealthStore(ctx.db))] });
  return Object.assign(bot, http ? { port: http.server.boundPort() } : {});
}
