import type { AppContext } from '../main.ts';
import { createConversationStore } from '../adapters/db/conversation-store.ts';
import { HttpServer } from '../adapters/http/http-server.ts';
import { slackPlatformFactory } from '../adapters/slack/slack-platform.ts';
import { TeamsAdapter } from '../adapters/teams/teams-adapter.ts';
import { DEFAULT_MAX_BODY_BYTES as TEAMS_MAX_BODY_BYTES } from '../adapters/teams/teams-http-handler.ts';
import type { HealthRoutes } from '../adapters/http/health-routes.ts';
import { mountHealth } from './health.ts';
import type { TeamsConfig } from '../config.ts';
import { choosePlatforms, type PlatformFactory, type PlatformSelection } from './platforms.ts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

/** What the bot is started with: which platforms, their factories, and the HTTP server they receive on. */
export interface PlatformSetup {
  selection: PlatformSelection;
  factories: Partial<Record<'slack' | 'teams', PlatformFactory>>;
  /**
   * Present when something receives over HTTP (Slack in HTTP mode, Teams, the complaint webhook), or Slack runs in
   * Socket Mode and PORT is set (for the health routes alone); the bot listens on `port`.
   */
  http?: { server: HttpServer; port: number };
  /** /healthz and /readyz, mounted on that server; bind the bot once it is assembled. */
  health?: HealthRoutes;
}

function teamsFactory(ctx: AppContext, settings: TeamsConfig, http: HttpServer): PlatformFactory {
  return async (deps) => {
    const adapter = new TeamsAdapter({ settings, store: createConversationStore(ctx.db, ctx.clock), clock: deps.clock, logger: deps.logger, sleep: deps.sleep });
    // The server reads the body within the Teams limit; the handler takes it from there (rawBody).
    http.register('POST', TEAMS_MESSAGES_PATH, adapter.httpHandler(deps.inbound), { bodyLimitBytes: TEAMS_MAX_BODY_BYTES });
    return adapter;
  };
}

/** The platforms of the configuration (SLACK_*, TEAMS_*), or the console alone when none or `--console`. */
export function platformSetupOf(ctx: AppContext, forceConsole = false): PlatformSetup {
  const { slack, teams } = ctx.config;
  const selection: PlatformSelection = { forceConsole, slackConfigured: slack !== undefined, teamsConfigured: teams !== undefined };
  const chosen = choosePlatforms(selection);
  const receives =
    (chosen.includes('slack') && slack?.mode === 'http') || chosen.includes('teams') || ctx.config.complaints.webhookSecret !== undefined;
  // Socket Mode needs no inbound HTTP; with PORT set the server runs anyway, for /healthz and /readyz.
  const healthOnly = !receives && chosen.includes('slack') && ctx.config.portSet;
  const server = receives || healthOnly ? new HttpServer({ logger: ctx.logger }) : undefined;
  const health = server ? mountHealth(ctx, server) : undefined;
  const factories: PlatformSetup['factories'] = {};
  if (slack && chosen.includes('slack')) factories.slack = slackPlatformFactory(slack, server);
  if (teams && server && chosen.includes('teams')) factories.teams = teamsFactory(ctx, teams, server);
  return { selection, factories, ...(server ? { http: { server, port: ctx.config.port }, health } : {}) };
}
