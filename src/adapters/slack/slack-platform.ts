import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, ErrorCode } from '../../errors.ts';
import type { PlatformModule } from '../platform-module.ts';
import type { SlackAdapter, SlackAdapterDeps, SlackAdapterOptions } from './slack-adapter.ts';
import { slackIdentity, slackSettings, type SlackSettings } from './slack-settings.ts';

/** The one HTTP server of the process, as far as Slack needs it (src/adapters/http/http-server.ts fits). */
export interface RouteRegistry {
  register(method: string, path: string, handler: (req: IncomingMessage & { rawBody: Buffer }, res: ServerResponse) => void, opts?: { bodyLimitBytes?: number }): void;
}

/**
 * Builds the adapter and, in HTTP mode, mounts POST /slack/events on the process's HTTP server (Bolt runs the
 * listeners the adapter registers when the assembly calls receiveInto). The adapter (and Bolt) is loaded here, when
 * it is built: src/config.ts reads this module's settings without loading the SDK.
 */
export function slackPlatformFactory(options: SlackAdapterOptions, http?: RouteRegistry): (deps: SlackAdapterDeps) => Promise<SlackAdapter> {
  return async (deps) => {
    if (options.mode === 'http' && !http) {
      throw new AppError(ErrorCode.ConfigInvalid, 'Slack の HTTP モードには HTTP サーバー (PORT) が必要です');
    }
    const { SLACK_EVENTS_PATH, SlackAdapter } = await import('./slack-adapter.ts');
    const adapter = new SlackAdapter(options, deps);
    // The server reads the body within the limit (413 beyond it); the adapter checks it before Bolt sees it.
    if (options.mode === 'http') http!.register('POST', SLACK_EVENTS_PATH, adapter.requestListener, { bodyLimitBytes: options.bodyLimitBytes });
    return adapter;
  };
}

/** Slack (SLACK_*, src/adapters/slack/slack-settings.ts): HTTP mode receives on POST /slack/events; Socket Mode connects out. */
export const slackPlatform = {
  id: 'slack',
  settings: slackSettings,
  identity: slackIdentity,
  receivesOverHttp: (settings) => settings?.mode === 'http',
  build: async ({ settings, http, logger, clock, sleep }) => {
    if (!settings) throw new AppError(ErrorCode.ConfigInvalid, 'Slack が設定されていません (SLACK_BOT_TOKEN)');
    return slackPlatformFactory(settings, http)({ logger, clock, ...(sleep ? { sleep } : {}) });
  },
} satisfies PlatformModule<SlackSettings>;
