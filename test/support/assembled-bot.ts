import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import type { Bot } from '../../src/assembly/assemble-bot.ts';
import { loadConfig } from '../../src/config.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';
import { createAppContext, type AppContext } from '../../src/assembly/context.ts';
import { startConfiguredBot, type StartOptions } from '../../src/assembly/start-configured.ts';
import { TEST_KEY_ENV } from './test-cipher.ts';
import { APP_ID as TEAMS_APP_ID, TENANT_ID as TEAMS_TENANT_ID } from './teams-fixtures.ts';

export const SLACK_SECRET = 'assembled-bot-signing-secret';
export const WEBHOOK_SECRET = 'assembled-bot-webhook-secret-0001';

/** Slack over HTTP, Teams and the complaint webhook, all at once: what an operator with both platforms configures. */
export const ALL_PLATFORMS_ENV: Record<string, string> = {
  SLACK_BOT_TOKEN: 'xoxb-assembled-0001',
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  SLACK_MODE: 'http',
  SLACK_BUREAU_CHANNEL: 'C0BUREAU01',
  TEAMS_APP_ID,
  TEAMS_APP_PASSWORD: 'assembled-teams-password',
  TEAMS_TENANT_ID,
  COMPLAINT_WEBHOOK_SECRET: WEBHOOK_SECRET,
};

export interface AssembledBot {
  bot: Bot & { port?: number };
  ctx: AppContext;
  clock?: VirtualClock;
  url: string;
  databaseUrl: string;
  /** http://127.0.0.1:PORT (when something receives over HTTP). */
  base: string;
  /** Stops the bot and closes the database; `restart` reopens the same file through the same assembly. */
  stop(): Promise<void>;
  restart(more?: Partial<AssembledOptions>): Promise<AssembledBot>;
  dispose(): Promise<void>;
}

export interface AssembledOptions extends StartOptions {
  env?: Record<string, string>;
  /** Virtual clock at this Tokyo date and time (the wall clock is off; drive it with bot.tick). Omit for the system clock. */
  at?: { date: string; time: string };
  /** An existing database (restarts, a second instance). */
  databaseUrl?: string;
}

/** Slack or Teams configured: the bot needs a configured key, as in production (the test key unless `env` gives one). */
function keyFor(env: Record<string, string>): Record<string, string> {
  return Object.keys(env).some((k) => /^(SLACK|TEAMS)_/.test(k)) ? TEST_KEY_ENV : {};
}

/**
 * The bot exactly as `kaiheisen start` assembles it (startConfiguredBot), on a temp SQLite file and a free port on
 * loopback. Outbound platform calls are the test's to intercept (nock).
 */
export async function startAssembledBot(options: AssembledOptions = {}): Promise<AssembledBot> {
  const dir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'kaiheisen-assembled-'));
  const databaseUrl = options.databaseUrl ?? `file:${join(dir!, 'bot.db')}`;
  const { env = {}, at, databaseUrl: _ignored, ...start } = options;
  const clock = at ? new VirtualClock(tokyoInstant(at.date, at.time)) : undefined;
  const config = loadConfig({ DATABASE_URL: databaseUrl, KAIHEISEN_LOG_LEVEL: 'silent', ...keyFor(env), ...env });
  const ctx = await createAppContext(config, clock ? { clock } : {});
  const bot = await startConfiguredBot(ctx, { out: () => {}, port: 0, ...(clock ? { wallClock: false } : {}), ...start });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await bot.stop();
    await ctx.close();
  };
  return {
    bot,
    ctx,
    clock,
    url: databaseUrl,
    databaseUrl,
    base: `http://127.0.0.1:${bot.port ?? 0}`,
    stop,
    restart: async (more = {}) => {
      await stop();
      return startAssembledBot({ ...options, ...more, databaseUrl });
    },
    dispose: async () => {
      await stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
