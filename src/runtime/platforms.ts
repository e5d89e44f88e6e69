import type { Clock, Logger } from '../application/ports.ts';
import type { ChatInbound, PlatformAdapter } from '../application/chat/ports.ts';
import type { Platform } from '../application/chat/view.ts';
import { createConsoleAdapter, type ConsoleAdapter } from '../adapters/console/console-adapter.ts';
import { AppError, ErrorCode } from '../errors.ts';

/** What every platform adapter is built with: the chat core's inbound port and the usual services. */
export interface PlatformDeps {
  inbound: ChatInbound;
  logger: Logger;
  clock: Clock;
  /** How an adapter waits between its own retries (default: real timers; tests on a virtual clock pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/** Builds one platform's adapter (Slack: Bolt app; Teams: CloudAdapter + HTTP route). */
export type PlatformFactory = (deps: PlatformDeps) => Promise<PlatformAdapter>;

export interface PlatformSelection {
  /** `--console`: the console only, whatever else is configured. */
  forceConsole?: boolean;
  slackConfigured?: boolean;
  teamsConfigured?: boolean;
}

/** Console when neither Slack nor Teams is configured (or when forced); otherwise Slack and/or Teams. */
export function choosePlatforms(selection: PlatformSelection): Platform[] {
  if (selection.forceConsole) return ['console'];
  const chosen: Platform[] = [];
  if (selection.slackConfigured) chosen.push('slack');
  if (selection.teamsConfigured) chosen.push('teams');
  return chosen.length > 0 ? chosen : ['console'];
}

const unavailable =
  (name: string): PlatformFactory =>
  async () => {
    throw new AppError(ErrorCode.ConfigInvalid, `${name} adapter not available`);
  };

/**
 * The factories for Slack and Teams until the composition root passes real ones (options.platformFactories):
 * a configured platform without a factory refuses to start, it is never silently skipped.
 */
export const DEFAULT_FACTORIES: Record<'slack' | 'teams', PlatformFactory> = {
  slack: unavailable('Slack'),
  teams: unavailable('Teams'),
};

export interface BuiltPlatforms {
  adapters: PlatformAdapter[];
  console?: ConsoleAdapter;
}

export async function buildPlatforms(
  chosen: Platform[],
  deps: PlatformDeps,
  options: { factories?: Partial<Record<'slack' | 'teams', PlatformFactory>>; consoleSink?: (text: string) => void },
): Promise<BuiltPlatforms> {
  const built: BuiltPlatforms = { adapters: [] };
  for (const platform of chosen) {
    if (platform === 'console') {
      built.console = createConsoleAdapter({ sink: options.consoleSink });
      built.adapters.push(built.console);
    } else {
      const factory = options.factories?.[platform] ?? DEFAULT_FACTORIES[platform];
      built.adapters.push(await factory(deps));
    }
  }
  return built;
}
