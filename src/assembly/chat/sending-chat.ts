import type { AppContext } from '../context.ts';
import { localInstanceId } from '../../adapters/db/dead-claims.ts';
import { platformSetupOf } from '../platforms/platform-setup.ts';
import { buildPlatforms, platformPartsOf } from '../platforms/registry.ts';
import { createChatOutbound, type ChatOutbound } from './chat-core.ts';

/**
 * The configured platforms' sending side, for a CLI command that posts (`kaiheisen post-day`): no inbox, no server
 * listening. Stop it to let the adapters finish.
 */
export async function openSendingChat(
  ctx: AppContext,
  options: { forceConsole?: boolean; consoleSink?: (text: string) => void; instanceId?: string },
): Promise<ChatOutbound & { stop(): Promise<void> }> {
  const setup = platformSetupOf(ctx, options.forceConsole === true);
  const parts = platformPartsOf(ctx, { http: setup.http?.server, consoleSink: options.consoleSink });
  const chat = createChatOutbound(ctx, await buildPlatforms(setup.chosen, parts), options.instanceId ?? localInstanceId());
  for (const adapter of chat.adapters) await adapter.start();
  const stop = async () => {
    for (const adapter of chat.adapters) await adapter.stop();
  };
  return { ...chat, stop };
}
