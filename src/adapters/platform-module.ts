import type { z } from 'zod';
import type { Platform } from '../application/chat/view.ts';
import type { PlatformAdapter } from '../application/chat/ports.ts';
import type { Clock, Logger } from '../application/ports.ts';
import type { Database } from './db/database.ts';
import type { HttpServer } from './http/http-server.ts';

/** What a platform's adapter is built with. */
export interface PlatformParts<S = unknown> {
  /** The platform's own settings (what its `settings.read` returned); undefined when none of its variables is given. */
  settings: S | undefined;
  /** The database's URL. */
  databaseUrl: string;
  /** KAIHEISEN_SHARED_DIR: the console saves the files it hands out there, or next to the SQLite file. */
  sharedDir?: string;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** The process's one HTTP server: present when a configured platform (or a webhook) receives over HTTP. */
  http?: Pick<HttpServer, 'register'>;
  /** How the adapter waits between its own retries (default: real timers; tests on a virtual clock do not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** The console: where rendered messages go (stdout in the REPL). */
  consoleSink?: (text: string) => void;
}

/**
 * A platform's environment variables (SLACK_*, TEAMS_* …). src/config.ts, the only reader of the environment, adds
 * `env` to its schema (an invalid value is reported with the others, naming the variable) and then calls `read`.
 */
export interface PlatformSettings<S> {
  /** Each variable and its check (zod; messages in Japanese). */
  readonly env: Readonly<z.ZodRawShape>;
  /**
   * The settings from the checked values of those variables, or undefined when none of them is given (the platform
   * is off). Throws AppError(ConfigInvalid), naming the variable, when one it needs is missing.
   */
  read(values: Readonly<Record<string, unknown>>): S | undefined;
}

/** Declares a platform's variables and how its settings are read from their checked values (typed from `env`). */
export function platformSettings<E extends z.ZodRawShape, S>(
  env: E,
  read: (values: z.output<z.ZodObject<E>>) => S | undefined,
): PlatformSettings<S> {
  return { env, read: (values) => read(values as z.output<z.ZodObject<E>>) };
}

/** The format of one kind of id on a platform, as the staff file gives it. */
export interface IdFormat {
  /** A valid id matches it as a whole. */
  pattern: RegExp;
  /** Why a value is refused, in Japanese (a template's text: read when the message is needed). */
  message(): string;
}

/** The ids of people and channels on a platform: the staff file checks them (src/adapters/staff-file/). */
export interface PlatformIdentity {
  /** A person's id on the platform (`chat: { <id>: … }` of a person in the staff file). */
  user: IdFormat;
  /** A channel's id (`channels: { bureau: { <id>: … } }`); absent: the staff file names no channel on it. */
  channel?: IdFormat;
}

/** Each configured platform's settings, by platform id (Config.platforms). */
export type PlatformSettingsById = Readonly<Partial<Record<Platform, unknown>>>;

/**
 * One chat platform as the bot sees it: its id, its settings (environment variables), the format of its ids in the
 * staff file, whether it then receives over the process's HTTP server, and how its adapter is built. The adapter
 * carries the rest (receiver, renderer, capabilities: src/application/chat/ports.ts). The registry
 * (src/assembly/platforms/registry.ts) lists every module; docs/adding-a-platform.md has the checklist.
 */
export interface PlatformModule<S = unknown> {
  readonly id: Platform;
  /** Its environment variables; absent: it has none and is never configured (the console: chosen when nothing is). */
  readonly settings?: PlatformSettings<S>;
  readonly identity: PlatformIdentity;
  /** Whether, with these settings, it receives over the process's HTTP server. */
  receivesOverHttp(settings: S | undefined): boolean;
  build(parts: PlatformParts<S>): Promise<PlatformAdapter>;
}
