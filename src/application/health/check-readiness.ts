import type { Clock } from '../ports.ts';
import type { HealthStore, RunningBotView } from './ports.ts';

/** How often the running bot writes its heartbeat; `kaiheisen status` wants one within twice this. */
export const HEARTBEAT_EVERY_MS = 30_000;
/**
 * The scheduler must have started a tick or poll within twice its shortest poll interval, and at least within this:
 * one long tick (a morning post to everyone) holds the others back without the scheduler being stuck.
 */
export const MIN_SCHEDULER_WINDOW_MS = 30_000;

/** READY_* settings (.env.example). */
export interface ReadinessThresholds {
  /** The oldest pending outbound delivery may be this old. */
  deliveryBacklogMinutes: number;
  /** Deliveries given up (state failed) tolerated. */
  maxFailedDeliveries: number;
  /** Parked inbound events (state failed) tolerated. */
  maxParkedEvents: number;
  /** Free space on the database's disk at least this. */
  minFreeDiskMb: number;
}

export type CheckName = 'database' | 'scheduler' | 'platforms' | 'deliveries' | 'parkedEvents';

/** One check: ok, what it saw (English, no personal data: /readyz is served unauthenticated), and its figures. */
export interface ReadinessCheck {
  ok: boolean;
  /** Not checked here (status without the bot: the platforms); does not count. */
  skipped?: boolean;
  detail: string;
  [figure: string]: unknown;
}

export interface Readiness {
  ready: boolean;
  checkedAt: string;
  checks: Record<CheckName, ReadinessCheck>;
}

export interface ReadinessDeps {
  store: HealthStore;
  clock: Clock;
  thresholds: ReadinessThresholds;
  /** Judges the age of another process's heartbeat (its console clock may stand still); default `clock`. */
  wallClock?: Clock;
  /** The bot of this process; absent: the scheduler is judged by its heartbeat, the platforms are skipped. */
  bot?: RunningBotView;
}

const iso = (d: Date | undefined) => d?.toISOString() ?? null;
const secondsSince = (now: Date, d: Date | undefined) => (d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000)) : null);

function schedulerCheck(now: Date, lastTickAt: Date | undefined, maxAgeMs: number, source: string, shownAt = lastTickAt): ReadinessCheck {
  const figures = { lastTickAt: iso(shownAt), ageSeconds: secondsSince(now, lastTickAt), maxAgeSeconds: maxAgeMs / 1000 };
  if (!lastTickAt) return { ok: false, detail: `${source}: no tick yet`, ...figures };
  const ok = now.getTime() - lastTickAt.getTime() <= maxAgeMs;
  return { ok, detail: ok ? `${source}: ticking` : `${source}: no tick for ${figures.ageSeconds} s`, ...figures };
}

async function schedulerOf(deps: ReadinessDeps, now: Date): Promise<ReadinessCheck> {
  if (!deps.bot) {
    const beat = await deps.store.lastHeartbeat();
    const wallNow = deps.wallClock?.now() ?? now;
    return schedulerCheck(wallNow, beat?.writtenAt, 2 * HEARTBEAT_EVERY_MS, 'heartbeat of a running bot', beat?.at);
  }
  const { lastTickAt, pollIntervalMs } = deps.bot.scheduler;
  return schedulerCheck(now, lastTickAt, Math.max(2 * (pollIntervalMs ?? HEARTBEAT_EVERY_MS), MIN_SCHEDULER_WINDOW_MS), 'scheduler');
}

function platformsOf(bot: RunningBotView | undefined): ReadinessCheck {
  if (!bot) return { ok: true, skipped: true, detail: 'known only to the running bot: GET /readyz' };
  const each = Object.fromEntries(bot.platforms.map((p) => [p.platform, p.health?.() ?? { ok: true, detail: 'nothing to check' }]));
  const down = Object.entries(each).filter(([, h]) => !h.ok).map(([name]) => name);
  return { ok: down.length === 0, detail: down.length === 0 ? 'all connected' : `not connected: ${down.join(', ')}`, ...each };
}

async function deliveriesOf(deps: ReadinessDeps, now: Date): Promise<ReadinessCheck> {
  const b = await deps.store.deliveryBacklog(now);
  const { deliveryBacklogMinutes: maxMinutes, maxFailedDeliveries: maxFailed } = deps.thresholds;
  const age = secondsSince(now, b.oldestPendingAt);
  const late = age !== null && age > maxMinutes * 60;
  const failed = b.failed > maxFailed;
  const problems = [...(late ? [`oldest pending ${Math.floor(age / 60)} min old (max ${maxMinutes})`] : []), ...(failed ? [`${b.failed} failed (max ${maxFailed})`] : [])];
  const figures = { pending: b.pending, oldestPendingAt: iso(b.oldestPendingAt), oldestPendingAgeSeconds: age, failed: b.failed };
  return { ok: !late && !failed, detail: problems.join('; ') || `${b.pending} pending`, ...figures, maxAgeMinutes: maxMinutes, maxFailed };
}

async function parkedOf(deps: ReadinessDeps): Promise<ReadinessCheck> {
  const p = await deps.store.parkedEvents();
  const ok = p.count <= deps.thresholds.maxParkedEvents;
  const max = deps.thresholds.maxParkedEvents;
  return { ok, detail: ok ? `${p.count} parked` : `${p.count} parked events (max ${max})`, count: p.count, oldestAt: iso(p.oldestAt), max };
}

/** A check that threw is a failed check naming the error, never a crash of the probe. */
async function guarded(run: () => Promise<ReadinessCheck>): Promise<ReadinessCheck> {
  try {
    return await run();
  } catch (e) {
    return { ok: false, error: true, detail: `check failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

/**
 * Whether the bot is ready (GET /readyz, `kaiheisen status`): the database takes a real write and has disk space,
 * the scheduler ticks, the platforms are connected, the outbound backlog is not old, and nothing is parked.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const now = deps.clock.now();
  const database = await guarded(async () => {
    const probe = await deps.store.probeWrite(deps.thresholds.minFreeDiskMb);
    const ok = probe.state === 'ok' || probe.state === 'busy';
    return { ok, detail: probe.detail, state: probe.state, freeDiskMb: probe.freeDiskMb ?? null, minFreeDiskMb: deps.thresholds.minFreeDiskMb };
  });
  const checks: Record<CheckName, ReadinessCheck> = {
    database,
    scheduler: await guarded(() => schedulerOf(deps, now)),
    platforms: await guarded(async () => platformsOf(deps.bot)),
    deliveries: await guarded(() => deliveriesOf(deps, now)),
    parkedEvents: await guarded(() => parkedOf(deps)),
  };
  const ready = Object.values(checks).every((c) => c.ok || c.skipped === true);
  return { ready, checkedAt: now.toISOString(), checks };
}
