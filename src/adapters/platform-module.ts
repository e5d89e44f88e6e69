import type { Config } from '../config.ts';
import type { Platform } from '../application/chat/view.ts';
import type { PlatformAdapter } from '../application/chat/ports.ts';
import type { Clock, Logger } from '../application/ports.ts';
import type { Database } from './db/database.ts';
import type { HttpServer } from './http/http-server.ts';

/** What a platform's adapter is built with. */
export interface PlatformParts {
  config: Config;
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
 * One chat platform as the assembly sees it: its id, whether the configuration turns it on, whether it then receives
 * over the process's HTTP server, and how its adapter is built. The adapter carries the rest (receiver, renderer,
 * capabilities: src/application/chat/ports.ts). The registry (src/assembly/platforms/registry.ts) lists every module.
 */
export interface PlatformModule {
  readonly id: Platform;
  /** Whether the configuration turns the platform on (its settings are given). */
  configured(config: Config): boolean;
  /** Whether, so configured, it receives over the process's HTTP server. */
  receivesOverHttp(config: Config): boolean;
  build(parts: PlatformParts): Promise<PlatformAdapter>;
}
