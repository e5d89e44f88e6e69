import { consolePlatform } from '../../adapters/console/console-platform.ts';
import type { ConsoleAdapter } from '../../adapters/console/console-adapter.ts';
import type { PlatformModule, PlatformParts, PlatformSettingsById } from '../../adapters/platform-module.ts';
import { slackPlatform } from '../../adapters/slack/slack-platform.ts';
import { teamsPlatform } from '../../adapters/teams/teams-platform.ts';
import type { PlatformAdapter } from '../../application/chat/ports.ts';
import type { Platform } from '../../application/chat/view.ts';

/**
 * Every chat platform the bot can run on: one line each (docs/adding-a-platform.md). The order is the preference: a
 * person is reached on the first of these they have an id on, and the staff file and the settings list them so.
 * src/config.ts reads each one's settings from here; the staff file checks each one's ids (passed in by its callers).
 * This file imports no configuration and no context, so that src/config.ts may import it.
 */
export const PLATFORM_MODULES = [slackPlatform, teamsPlatform, consolePlatform] as const satisfies readonly PlatformModule[];

/** Checked by tsc: every id of the Platform union (src/domain/staffing/staff-person.ts) has its module above. */
type Unregistered = Exclude<Platform, (typeof PLATFORM_MODULES)[number]['id']>;
const everyIdRegistered: [Unregistered] extends [never] ? true : { unregistered: Unregistered } = true;
void everyIdRegistered;

const MODULES: readonly PlatformModule[] = PLATFORM_MODULES;

/** Every platform id, in registry order. */
export const PLATFORM_IDS: readonly Platform[] = MODULES.map((m) => m.id);

/** The configuration as the platforms see it: each configured platform's settings, and the database. */
interface PlatformsConfig {
  databaseUrl: string;
  sharedDir?: string;
  platforms: PlatformSettingsById;
}

/** What the platforms are built with; each module gets its own settings out of `platforms`. */
export type PlatformsParts = Omit<PlatformParts, 'settings'> & { platforms: PlatformSettingsById };

/** What the platforms of this context are built with (the HTTP server, the console's sink, tests' waits). */
export function platformPartsOf(
  ctx: { config: PlatformsConfig } & Pick<PlatformParts, 'db' | 'logger' | 'clock'>,
  o: { http?: PlatformParts['http']; consoleSink?: (text: string) => void; sleep?: (ms: number) => Promise<void> },
): PlatformsParts {
  return { databaseUrl: ctx.config.databaseUrl, sharedDir: ctx.config.sharedDir, platforms: ctx.config.platforms, db: ctx.db, logger: ctx.logger, clock: ctx.clock, ...o };
}

/** Builds one platform's adapter; tests replace a platform's with a stand-in (BotOptions.platformFactories). */
export type PlatformFactory = (parts: PlatformParts) => Promise<PlatformAdapter>;

export interface PlatformSelection {
  /** `--console`: the console only, whatever else is configured. */
  forceConsole?: boolean;
  /** The platforms whose settings are given. */
  configured?: Platform[];
}

/** The platforms the configuration turns on (any of their settings given), in registry order. */
export const configuredPlatforms = (config: Pick<PlatformsConfig, 'platforms'>): Platform[] =>
  PLATFORM_IDS.filter((id) => config.platforms[id] !== undefined);

/** The configured platforms, or the console when none is (or when forced). */
export function choosePlatforms(selection: PlatformSelection): Platform[] {
  if (selection.forceConsole) return ['console'];
  const chosen = PLATFORM_IDS.filter((id) => selection.configured?.includes(id));
  return chosen.length > 0 ? chosen : ['console'];
}

/** Whether one of the chosen platforms receives over the process's HTTP server. */
export const receivesOverHttp = (chosen: Platform[], config: Pick<PlatformsConfig, 'platforms'>): boolean =>
  MODULES.some((m) => chosen.includes(m.id) && m.receivesOverHttp(config.platforms[m.id]));

export interface BuiltPlatforms {
  adapters: PlatformAdapter[];
  /** The console's adapter, when the console runs (its REPL and tests read what it showed). */
  console?: ConsoleAdapter;
}

export async function buildPlatforms(chosen: Platform[], parts: PlatformsParts, overrides: Partial<Record<Platform, PlatformFactory>> = {}): Promise<BuiltPlatforms> {
  const built: BuiltPlatforms = { adapters: [] };
  const { platforms, ...common } = parts;
  for (const module of MODULES.filter((m) => chosen.includes(m.id))) {
    const adapter = await (overrides[module.id] ?? module.build)({ ...common, settings: platforms[module.id] });
    built.adapters.push(adapter);
    if (module.id === 'console') built.console = adapter as ConsoleAdapter;
  }
  return built;
}
