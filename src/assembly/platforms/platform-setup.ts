import type { AppContext } from '../context.ts';
import { HttpServer } from '../../adapters/http/http-server.ts';
import type { Platform } from '../../application/chat/view.ts';
import { choosePlatforms, configuredPlatforms, receivesOverHttp, type PlatformSelection } from './registry.ts';

/** What the bot is started with: which platforms, and the HTTP server they (and the webhooks) receive on. */
export interface PlatformSetup {
  selection: PlatformSelection;
  chosen: Platform[];
  /**
   * Present when something receives over HTTP (Slack in HTTP mode, Teams, the complaint webhook), or a platform
   * that connects out (Slack's Socket Mode) runs and PORT is set (for /healthz and /readyz alone).
   */
  http?: { server: HttpServer; port: number };
}

/** The platforms of the configuration (SLACK_*, TEAMS_* …), or the console alone when none or `--console`. */
export function platformSetupOf(ctx: AppContext, forceConsole = false): PlatformSetup {
  const selection: PlatformSelection = { forceConsole, configured: configuredPlatforms(ctx.config) };
  const chosen = choosePlatforms(selection);
  const receives = receivesOverHttp(chosen, ctx.config) || ctx.config.complaints.webhookSecret !== undefined;
  const healthOnly = !receives && !chosen.includes('console') && ctx.config.portSet;
  if (!receives && !healthOnly) return { selection, chosen };
  return { selection, chosen, http: { server: new HttpServer({ logger: ctx.logger }), port: ctx.config.port } };
}
