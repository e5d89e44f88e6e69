import type { AppContext } from '../assembly/context.ts';
import type { EscalationSettings } from '../assembly/services/escalation.ts';
import type { HttpServer } from '../adapters/http/http-server.ts';
import type { DailyJob } from '../adapters/scheduler/daily-jobs.ts';
import type { Poller } from '../adapters/scheduler/scheduler.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import type { ChatDirectory } from '../application/chat/ports.ts';
import type { RouteModule } from '../application/chat/routes/compose.ts';
import type { Platform } from '../application/chat/view.ts';
import type { BureauFiles, DayEndSettings } from '../application/day-end/ports.ts';
import type { ReportFiles } from '../application/reports/report-delivery.ts';
import type { TimerHandler } from '../application/timers/timer-runner.ts';

/**
 * What one feature adds to the running bot, the same shape for every feature (src/assembly/features.ts lists them):
 * its chat routes, the durable timer kinds it schedules, its daily jobs, its pollers and its HTTP routes. The
 * assembly collects them: one chat dispatcher, one timer runner, one scheduler, one HTTP server.
 */
export interface Feature {
  name: string;
  /** Buttons, forms, and handlers of the intents the chat surface recognises (application/chat/intents). */
  routes?: RouteModule[];
  /** Durable timer kinds (Timer.kind) and what runs when one is due; one runner serves every feature's kinds. */
  timers?: Record<string, TimerHandler>;
  /** How long each of its timer kinds waits, as configured (Japanese, for `kaiheisen schedule`). */
  waits?: Record<string, string>;
  /** What runs once a day at a wall-clock time (claimed once per date across instances). */
  dailyJobs?: DailyJob[];
  /** What runs every few seconds on the scheduler. */
  pollers?: Poller[];
  /** Mounts the feature's HTTP routes on the process's server (only when the bot runs one). */
  http?(server: Pick<HttpServer, 'register'>): void;
}

/** The chat as features use it: built before any feature, so nothing needs binding later. */
export interface FeatureChat {
  gateway: ChatGateway;
  directory: ChatDirectory;
  platforms: Platform[];
  /** Report files (月報, 作業者配置表) to the bureau channel or a person. */
  files: ReportFiles;
  /** The approved 日報 PDF to the bureau channel. */
  bureauFiles: BureauFiles;
}

/** Settings of the running bot that tests (and `kaiheisen start` flags) override. */
export interface FeatureSettings {
  /** HH:MM of the morning post. */
  morningPostAt: string;
  /** HH:MM of the daily assignment (default: ASSIGN_TIME); earlier than the morning post. */
  assignAt?: string;
  dayEnd?: Partial<DayEndSettings>;
  escalation?: EscalationSettings;
}

/** What every feature is built from. */
export interface FeatureParts {
  ctx: AppContext;
  chat: FeatureChat;
  /** This process (owner of its claims). */
  instanceId: string;
  settings: FeatureSettings;
}

export type FeatureFactory = (parts: FeatureParts) => Feature;
