import { consolePlatform } from '../../adapters/console/console-platform.ts';
import type { ConsoleAdapter } from '../../adapters/console/console-adapter.ts';
import type { PlatformModule, PlatformParts } from '../../adapters/platform-module.ts';
import { slackPlatform } from '../../adapters/slack/slack-platform.ts';
import { teamsPlatform } from '../../adapters/teams/teams-platform.ts';
import type { PlatformAdapter } from '../../application/chat/ports.ts';
import type { Platform } from '../../application/chat/view.ts';
import type { Config } from '../../config.ts';
import type { AppContext } from '../context.ts';

/** Every chat platform the bot can run on: one line each (docs/adding-a-platform.md). */
export const PLATFORM_MODULES: readonly PlatformModule[] = [slackPlatform, teamsPlatform, consolePlatform];

/** What the platforms of this context are built with (the HTTP server, the console's sink, tests' waits). */
export function platformPartsOf(
  ctx: Pick<AppContext, 'config' | 'db' | 'logger' | 'clock'>,
  o: { http?: PlatformParts['http']; consoleSink?: (text: string) => void; sleep?: (ms: number) => Promise<void> },
): PlatformParts {
  return { config: ctx.config, db: ctx.db, logger: ctx.logger, clock: ctx.clock, ...o };
}

/** Builds one platform's adapter; tests replace a platform's with a stand-in (BotOptions.platformFactories). */
export type PlatformFactory = (parts: PlatformParts) => Promise<PlatformAdapter>;

export interface PlatformSelection {
  /** `--console`: the console only, whatever else is configured. */
  forceConsole?: boolean;
  /** The platforms whose settings are given. */
  configured?: Platform[];
}

/** The platforms the configuration turns on, in registry order. */
export const configuredPlatforms = (config: Config): Platform[] => PLATFORM_MODULES.filter((m) => m.configured(config)).map((m) => m.id);

/** The configured platforms, or the console when none is (or when forced). */
export function choosePlatforms(selection: PlatformSelection): Platform[] {
  if (selection.forceConsole) return ['console'];
  const chosen = PLATFORM_MODULES.map((m) => m.id).filter((id) => selection.configured?.includes(id));
  return chosen.length > 0 ? chosen : ['console'];
}

/** Whether one of the chosen platforms receives over the process's HTTP server. */
export const receivesOverHttp = (chosen: Platform[], config: Config): boolean =>
  PLATFORM_MODULES.some((m) => chosen.includes(m.id) && m.receivesOverHttp(config));

export interface BuiltPlatforms {
  adapters: PlatformAdapter[];
  /** The console's adapter, when the console runs (its REPL and tests read what it showed). */
  console?: ConsoleAdapter;
}

export async function buildPlatforms(chosen: Platform[], parts: PlatformParts, overrides: Partial<Record<Platform, PlatformFactory>> = {}): Promise<BuiltPlatforms> {
  const built: BuiltPlatforms = { adapters: [] };
  for (const module of PLATFORM_MODULES.filter((m) => chosen.includes(m.id))) {
    const adapter = await (overrides[module.id] ?? module.build)(parts);
    built.adapters.push(adapter);
    if (module.id === 'console') built.console = adapter as ConsoleAdapter;
  }
  return built;
}
