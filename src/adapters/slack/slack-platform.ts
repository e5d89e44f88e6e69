import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, ErrorCode } from '../../errors.ts';
import type { PlatformModule } from '../platform-module.ts';
import { SLACK_EVENTS_PATH, SlackAdapter, type SlackAdapterDeps, type SlackAdapterOptions } from './slack-adapter.ts';

/** The one HTTP server of the process, as far as Slack needs it (src/adapters/http/http-server.ts fits). */
export interface RouteRegistry {
  register(method: string, path: string, handler: (req: IncomingMessage & { rawBody: Buffer }, res: ServerResponse) => void, opts?: { bodyLimitBytes?: number }): void;
}

/**
 * Builds the adapter and, in HTTP mode, mounts POST /slack/events on the process's HTTP server (Bolt runs the
 * listeners the adapter registers when the assembly calls receiveInto).
 */
export function slackPlatformFactory(options: SlackAdapterOptions, http?: RouteRegistry): (deps: SlackAdapterDeps) => Promise<SlackAdapter> {
  return async (deps) => {
    if (options.mode === 'http' && !http) {
      throw new AppError(ErrorCode.ConfigInvalid, 'Slack の HTTP モードには HTTP サーバー (PORT) が必要です');
    }
    const adapter = new SlackAdapter(options, deps);
    // The server reads the body within the limit (413 beyond it); the adapter checks it before Bolt sees it.
    if (options.mode === 'http') http!.register('POST', SLACK_EVENTS_PATH, adapter.requestListener, { bodyLimitBytes: options.bodyLimitBytes });
    return adapter;
  };
}

/** Slack (SLACK_*): HTTP mode receives on POST /slack/events; Socket Mode connects out. */
export const slackPlatform: PlatformModule = {
  id: 'slack',
  configured: (config) => config.slack !== undefined,
  receivesOverHttp: (config) => config.slack?.mode === 'http',
  build: async ({ config, http, logger, clock, sleep }) => {
    if (!config.slack) throw new AppError(ErrorCode.ConfigInvalid, 'Slack が設定されていません (SLACK_BOT_TOKEN)');
    return slackPlatformFactory(config.slack, http)({ logger, clock, ...(sleep ? { sleep } : {}) });
  },
};
