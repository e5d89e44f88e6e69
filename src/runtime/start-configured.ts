import type { AppContext } from '../main.ts';
import { startBot, type Bot, type BotOptions } from '../bot.ts';
import { morningPostAtOf } from './bot-settings.ts';
import { platformSetupOf } from './configured-platforms.ts';

/** What `kaiheisen start` decides from its flags; everything else comes from the configuration. */
export interface StartOptions extends Pick<
  BotOptions,
  'date' | 'input' | 'interactive' | 'out' | 'handleSignals' | 'wallClock' | 'instanceId' | 'loadExamples' | 'demoFiles'
> {
  /** `--console`: the console only, whatever is configured. */
  console?: boolean;
  /** Listen on this port instead of PORT (0: a free one; tests). */
  port?: number;
}

/**
 * The bot as `kaiheisen start` assembles it from the configuration: the configured platforms on one HTTP server,
 * the complaint webhook, the scheduler. Tests that prove the running bot start it through here.
 */
export async function startConfiguredBot(ctx: AppContext, options: StartOptions = {}): Promise<Bot & { port?: number }> {
  const { console: forceConsole, port, ...rest } = options;
  const setup = platformSetupOf(ctx, forceConsole === true);
  const http = setup.http && port !== undefined ? { ...setup.http, port } : setup.http;
  const bot = await startBot(ctx, {
    ...rest,
    platforms: setup.selection,
    platformFactories: setup.factories,
    http,
    morningPostAt: morningPostAtOf(ctx.config),
  });
  return Object.assign(bot, http ? { port: http.server.boundPort() } : {});
}
