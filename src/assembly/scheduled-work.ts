import type { AppContext } from './context.ts';
import { createJobClaims } from '../adapters/db/job-run-store.ts';
import { createTimerStore } from '../adapters/db/timer-store.ts';
import { withDeliveryCause } from '../adapters/scheduler/delivery-cause.ts';
import { DailyJobs } from '../adapters/scheduler/daily-jobs.ts';
import { Scheduler, type Poller } from '../adapters/scheduler/scheduler.ts';
import { createTimerRunner, type TimerHandler } from '../application/timers/timer-runner.ts';
import type { Feature } from '../features/feature.ts';

/** Each step runs as the cause of the messages it sends (`timer:<id>`): a step run again sends none of them twice. */
function keyedByTimer(handlers: Record<string, TimerHandler>): Record<string, TimerHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]) => [kind, (timer, now) => withDeliveryCause({ key: `timer:${timer.id}` }, () => handler(timer, now))]),
  );
}

/** Every feature's timer kinds, each owned by one feature (a clash is a programming error, thrown at start-up). */
function timerHandlersOf(features: readonly Feature[]): Record<string, TimerHandler> {
  const handlers: Record<string, TimerHandler> = {};
  const owner = new Map<string, string>();
  for (const feature of features) {
    for (const [kind, handler] of Object.entries(feature.timers ?? {})) {
      if (owner.has(kind)) throw new Error(`timer kind '${kind}' handled by both ${owner.get(kind)} and ${feature.name}`);
      owner.set(kind, feature.name);
      handlers[kind] = handler;
    }
  }
  return handlers;
}

/**
 * What runs by itself, and when: every feature's daily jobs, its pollers and one runner for every durable timer
 * (overdue steps run on the first tick after a start), with the chat's own pollers (`before`: inbox, outbox …).
 */
export interface ScheduledWorkOptions {
  instanceId: string;
  /** The chat's own pollers: before the features' (inbox …) and after them (the outbox sends what they wrote). */
  before: Poller[];
  after: Poller[];
  /** How often the durable timers are polled on the wall clock. */
  timerPollMs: number;
}

export function scheduledWorkOf(ctx: AppContext, features: readonly Feature[], options: ScheduledWorkOptions) {
  const { instanceId } = options;
  const jobs = new DailyJobs({ claims: createJobClaims(ctx.db), logger: ctx.logger, instanceId });
  for (const job of features.flatMap((f) => f.dailyJobs ?? [])) jobs.register(job);
  const runner = createTimerRunner({ store: createTimerStore(ctx.db), handlers: keyedByTimer(timerHandlersOf(features)), logger: ctx.logger, instanceId });
  const timers: Poller = { name: 'durable-timers', everyMs: options.timerPollMs, tick: runner.tick };
  const pollers = [...options.before, timers, ...features.flatMap((f) => f.pollers ?? []), ...options.after];
  /** The earliest instant a poller says it has something to do (e.g. an overtime's end), with the poller's name. */
  async function nextPollerDue(after: Date): Promise<{ name: string; at: Date } | undefined> {
    const due = await Promise.all(pollers.map(async (p) => ({ name: p.name, at: await p.nextDue?.(after) })));
    return due.filter((d): d is { name: string; at: Date } => d.at !== undefined).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  }
  return { jobs, scheduler: new Scheduler(jobs, pollers, ctx.logger), tickTimers: runner.tick, nextPollerDue };
}

export interface ScheduledWorkDescription {
  dailyJobs: { feature: string; name: string; at: string; catchUpUntil: string | null }[];
  pollers: { feature: string; name: string; everySeconds: number }[];
  timerKinds: { feature: string; kind: string; wait: string | null }[];
}

/** What runs by itself, and when, feature by feature (`kaiheisen schedule`). */
export function describeScheduledWork(
  features: readonly Feature[],
  chatPollers: readonly Pick<Poller, 'name' | 'everyMs'>[],
  timerPollMs: number,
): ScheduledWorkDescription {
  return {
    dailyJobs: features
      .flatMap((f) => (f.dailyJobs ?? []).map((j) => ({ feature: f.name, name: j.name, at: j.at, catchUpUntil: j.catchUpUntil ?? null })))
      .sort((a, b) => a.at.localeCompare(b.at)),
    pollers: [
      ...chatPollers.map((p) => ({ feature: 'chat', name: p.name, everySeconds: p.everyMs / 1000 })),
      { feature: 'timers', name: 'durable-timers', everySeconds: timerPollMs / 1000 },
      ...features.flatMap((f) => (f.pollers ?? []).map((p) => ({ feature: f.name, name: p.name, everySeconds: p.everyMs / 1000 }))),
    ],
    timerKinds: features.flatMap((f) => Object.keys(f.timers ?? {}).map((kind) => ({ feature: f.name, kind, wait: f.waits?.[kind] ?? null }))),
  };
}
