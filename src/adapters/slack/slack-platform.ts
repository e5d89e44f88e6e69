import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, ErrorCode } from '../../errors.ts';
import { SLACK_EVENTS_PATH, SlackAdapter, type SlackAdapterDeps, type SlackAdapterOptions } from './slack-adapter.ts';

/** The one HTTP server of the process, as far as Slack needs it (src/adapters/http/http-server.ts fits). */
export interface RouteRegistry {
  register(method: string, path: string, handler: (req: IncomingMessage & { rawBody: Buffer }, res: ServerResponse) => void, opts?: { bodyLimitBytes?: number }): void;
}

/**
 * The factory the composition root hands to the chat runtime (platformFactories.slack): builds the adapter with
 * the chat core's inbound port and, in HTTP mode, mounts POST /slack/events on the process's HTTP server.
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
