import { afterEach } from 'vitest';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { PostgresDatabase } from '../../src/adapters/db/postgres/postgres-database.ts';
import { createWorkCalendar } from '../../src/adapters/calendar/create-work-calendar.ts';
import type { Database } from '../../src/adapters/db/database.ts';
import { createLogger } from '../../src/adapters/log/logger.ts';
import { ChatDeliveryError, type PlatformAdapter, type PlatformTarget } from '../../src/application/chat/ports.ts';
import type { RouteModule } from '../../src/application/chat/routes/compose.ts';
import type { MessageView } from '../../src/application/chat/view.ts';
import { createTimerStore } from '../../src/adapters/db/timer-store.ts';
import { complaintTimerHandlers } from '../../src/application/complaints/complaint-timers.ts';
import type { ComplaintDeps } from '../../src/application/complaints/ports.ts';
import { createTimerRunner } from '../../src/application/timers/timer-runner.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../src/assembly/context.ts';
import { complaintDepsOf } from '../../src/assembly/services/complaints.ts';
import { loadConfig } from '../../src/config.ts';
import type { LogFields, Logger } from '../../src/application/ports.ts';

/** One post or in-place update the fake platform received. */
export interface Post {
  to: string; // user ref or channel ref
  key: string | undefined;
  view: MessageView;
  ref: string;
  update: boolean;
}

/** A Slack stand-in that records posts and updates; `refuse` makes the platform refuse a user (e.g. account gone). */
export class FakePlatform implements PlatformAdapter {
  readonly platform = 'slack' as const;
  readonly posts: Post[] = [];
  readonly refuse = new Set<string>();
  private n = 0;

  async post(target: PlatformTarget, view: MessageView, existingRef?: string): Promise<string> {
    const to = target.kind === 'user' ? target.userRef : target.channelRef;
    if (this.refuse.has(to)) throw new ChatDeliveryError('slack', `user_not_found ${to}`, false);
    const ref = existingRef ?? `m${++this.n}`;
    this.posts.push({ to, key: view.key, view, ref, update: existingRef !== undefined });
    return ref;
  }
  async openForm(): Promise<void> {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** New messages (not updates) to a user or channel, optionally with a key prefix. */
  newPosts(to: string, keyPrefix = ''): Post[] {
    return this.posts.filter((p) => p.to === to && !p.update && (p.key ?? '').startsWith(keyPrefix));
  }
  /** The latest rendering of the message with this key to `to`. */
  latest(to: string, key: string): Post | undefined {
    return this.posts.filter((p) => p.to === to && p.key === key).at(-1);
  }
  text(post: Post | undefined): string {
    return JSON.stringify(post?.view.blocks ?? []);
  }
}

export interface RecordedLog {
  level: string;
  message: string;
  fields?: LogFields;
}

export function recordingLogger(into: RecordedLog[]): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) => void into.push({ level, message, fields });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

const PEOPLE = [
  { id: 'w01', affiliation: 'contractor', name: '架空 太郎', canSupervise: true, isAdmin: true },
  { id: 'w02', affiliation: 'contractor', name: '仮野 次郎', canSupervise: false, isAdmin: false },
  { id: 'w03', affiliation: 'contractor', name: '試験 花子', canSupervise: false, isAdmin: false },
  { id: 'w04', affiliation: 'contractor', name: '見本 三郎', canSupervise: false, isAdmin: false },
  { id: 'c01', affiliation: 'bureau', name: '想定 一郎', canSupervise: false, isAdmin: false },
];

/** Synthetic team: w01 supervises by default, the roster is w02 then w03 (then w04 when asked), c01 is the bureau. */
export async function seedTeam(db: Database, roster = ['w02', 'w03']): Promise<void> {
  await db.write(async (tx) => {
    for (const p of PEOPLE) {
      await tx.person.create({ data: { ...p, phone: `090-0000-00${p.id.slice(1)}` } });
      await tx.chatIdentity.create({ data: { platform: 'slack', externalId: `U${p.id.toUpperCase()}`, personId: p.id } });
    }
    for (const id of ['w01', 'w02', 'w03', 'w04']) await tx.defaultStaffing.create({ data: { personId: id, isSupervisor: id === 'w01' } });
    for (const [position, personId] of roster.entries()) {
      await tx.afterHoursRosterEntry.create({ data: { validFrom: '0000-01-01', position, personId } });
    }
    await tx.chatConversation.create({ data: { platform: 'slack', key: 'channel:bureau', address: 'CBUREAU' } });
  });
}

/** A 開栓 order at the address, done by `doneBy` (TaskResult) and assigned to `assignee`. */
export async function seedOpenOrder(db: Database, o: { orderNo: string; date: string; address: string; customerNumber?: string; assignee: string; doneBy?: string }) {
  return db.write(async (tx) => {
    const order = await tx.workOrder.create({
      data: { orderNo: o.orderNo, kind: 'open', scheduledDate: o.date, address: o.address, town: '広坂', customerNumber: o.customerNumber ?? null, contentHash: o.orderNo, status: 'done' },
    });
    await tx.assignment.create({ data: { workOrderId: order.id, personId: o.assignee, date: o.date, visitOrder: 1 } });
    if (o.doneBy) await tx.taskResult.create({ data: { workOrderId: order.id, personId: o.doneBy, outcome: 'done', channel: 'slack' } });
    return order;
  });
}

export interface World {
  platform: FakePlatform;
  /** The complaint use cases as the assembled bot builds them (tests call them, or inject faults into a copy). */
  deps: ComplaintDeps;
  logs: RecordedLog[];
  /** The complaints feature's chat routes as the assembled bot mounts them. */
  routes: RouteModule;
  /** The bot's one timer runner (every feature's timer kinds). */
  runner: { tick(now: Date): Promise<number> };
  /**
   * Fault injection: a timer runner running the complaint steps on `deps` a test has changed (a store or directory
   * that acknowledges mid-step, a send that dies), on the same database as the bot.
   */
  runnerOn(deps: ComplaintDeps): { tick(now: Date): Promise<number> };
}

const started: Bot[] = [];
afterEach(async () => {
  for (const bot of started.splice(0)) await bot.stop().catch(() => undefined);
});

/**
 * One bot instance on one database handle, assembled as `kaiheisen start` assembles it, with the fake platform as its
 * Slack adapter; `deps` are the complaint use cases as that assembly wires them.
 */
export async function complaintWorld(db: Database, clock: VirtualClock, instanceId = 'bot-a', platform = new FakePlatform()): Promise<World> {
  const logs: RecordedLog[] = [];
  const logger = recordingLogger(logs);
  const config = loadConfig({ DATABASE_URL: db instanceof PostgresDatabase ? db.url : `file:${db.file}`, KAIHEISEN_LOG_LEVEL: 'silent' });
  const ctx: AppContext = { config, db, clock, logger, calendar: createWorkCalendar(config.calendar), close: async () => undefined };
  const bot = await startBot(ctx, {
    out: () => {},
    wallClock: false,
    loadExamples: false,
    instanceId,
    platforms: { configured: ['slack'] },
    platformFactories: { slack: async () => platform },
  });
  started.push(bot);
  const deps = complaintDepsOf(ctx, { gateway: bot.gateway, directory: bot.directory });
  const runnerOn = (changed: ComplaintDeps) => createTimerRunner({ store: createTimerStore(db), handlers: complaintTimerHandlers(changed), logger, instanceId });
  const routes = bot.features.find((f) => f.name === 'complaints')?.routes?.[0];
  if (!routes) throw new Error('the assembled bot has no complaints feature');
  return { platform, deps, logs, routes, runner: { tick: bot.tickTimers }, runnerOn };
}

export const silentLogger = createLogger('silent');

/** Tokyo wall-clock instant. */
export const jst = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);
