import { createWorkCalendar } from '../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { type Database } from '../../src/adapters/db/database.ts';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import type { InboundPayload, PlatformAdapter, PlatformTarget } from '../../src/application/chat/ports.ts';
import type { FormView, MessageView, Platform } from '../../src/application/chat/view.ts';
import type { LogFields, Logger } from '../../src/application/ports.ts';
import { loadConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/assembly/context.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import { consentCheckOf, escalationDepsOf, type EscalationSettings } from '../../src/assembly/services/escalation.ts';
import { createStalledChainCheck, type StalledStep } from '../../src/application/cases/check-stalled-chains.ts';
import type { EscalationDeps } from '../../src/application/escalation/escalation-routes.ts';
import type { ConsentFor } from '../../src/application/overtime/consent-for.ts';
import { tempDatabase, type TempDatabase } from './temp-db.ts';

/** One post or in-place update a platform made. */
export interface Delivery {
  op: 'post' | 'update';
  platform: Platform;
  to: string;
  ref: string;
  view: MessageView;
}

/** A platform that records what it was asked to post or update (no network). */
export function recordingPlatform(platform: Platform, log: Delivery[], forms: { to: string; form: FormView }[]): PlatformAdapter {
  let next = 1;
  const refs = new Set<string>();
  const who = (t: PlatformTarget) => (t.kind === 'user' ? t.userRef : `#${t.channelRef}`);
  return {
    platform,
    async post(target, view, existingRef) {
      const update = existingRef !== undefined && refs.has(existingRef);
      const ref = update ? existingRef : `${platform}:${next++}`;
      refs.add(ref);
      log.push({ op: update ? 'update' : 'post', platform, to: who(target), ref, view });
      return ref;
    },
    async openForm(target, form) {
      forms.push({ to: who(target), form });
    },
    async start() {},
    async stop() {},
  };
}

export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; fields?: LogFields }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** 2026-03-27 (a Friday, a work day) 10:00 in Tokyo. */
export const T0 = new Date('2026-03-27T01:00:00Z');
export const DATE = '2026-03-27';
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
export const CUSTOMER_NAME = '架空 花子';
export const CUSTOMER_PHONE = '076-000-0000';

/**
 * Synthetic team: w01 supervisor (Slack), w02 worker (Teams), w03 worker (Slack), c01 and c02 bureau (Slack).
 * Doubt and incident charts: the duty supervisor (10 min), then c01 (15 min). Orders -0001 (w02) and -0002 (w03).
 */
export async function seedTeam(db: Database): Promise<void> {
  const people = [
    { id: 'w01', affiliation: 'contractor', name: '架空 太郎', canSupervise: true, chat: ['slack', 'UW01'] },
    { id: 'w02', affiliation: 'contractor', name: '仮野 次郎', canSupervise: false, chat: ['teams', 'TW02'] },
    { id: 'w03', affiliation: 'contractor', name: '試験 三郎', canSupervise: false, chat: ['slack', 'UW03'] },
    { id: 'c01', affiliation: 'bureau', name: '想定 一郎', canSupervise: false, chat: ['slack', 'UC01'] },
    { id: 'c02', affiliation: 'bureau', name: '想定 二郎', canSupervise: false, chat: ['slack', 'UC02'] },
  ] as const;
  await db.write(async (tx) => {
    for (const p of people) {
      await tx.person.create({ data: { id: p.id, affiliation: p.affiliation, name: p.name, canSupervise: p.canSupervise } });
      await tx.chatIdentity.create({ data: { personId: p.id, platform: p.chat[0], externalId: p.chat[1] } });
    }
    for (const id of ['w01', 'w02', 'w03']) await tx.defaultStaffing.create({ data: { personId: id, isSupervisor: id === 'w01' } });
    for (const chart of ['doubt', 'incident']) {
      await tx.contactChartLevel.create({ data: { chart, position: 0, target: 'dutySupervisor', ackTimeoutMinutes: 10 } });
      await tx.contactChartLevel.create({ data: { chart, position: 1, target: 'person', personId: 'c01', ackTimeoutMinutes: 15 } });
    }
    for (const [n, personId] of [['0001', 'w02'], ['0002', 'w03']] as const) {
      const order = await tx.workOrder.create({
        data: {
          orderNo: `20260327-${n}`,
          kind: 'open',
          scheduledDate: DATE,
          address: `金沢市片町${n}番地`,
          town: '片町',
          customerName: CUSTOMER_NAME,
          phone: CUSTOMER_PHONE,
          customerNumber: '9900012345',
          contentHash: n,
        },
      });
      await tx.assignment.create({ data: { workOrderId: order.id, personId, date: DATE, visitOrder: 1 } });
    }
  });
}

const USER_REFS: Record<string, { platform: Platform; userRef: string }> = {
  w01: { platform: 'slack', userRef: 'UW01' },
  w02: { platform: 'teams', userRef: 'TW02' },
  w03: { platform: 'slack', userRef: 'UW03' },
  c01: { platform: 'slack', userRef: 'UC01' },
  c02: { platform: 'slack', userRef: 'UC02' },
};

/** The escalation's parts a test reaches into: its stores, the durable timers, the watchdog, the consent check. */
export interface EscalationView {
  deps: EscalationDeps;
  /** Runs the bot's durable timers due at `now` (every feature's, as the running bot does). */
  tickTimers(now: Date): Promise<number>;
  checkStalledChains(now: Date): Promise<StalledStep[]>;
  consentFor: ConsentFor;
}

/** One running instance: the bot as `kaiheisen start` assembles it, on its own Database handle; platforms are shared. */
export interface Instance {
  db: Database;
  ctx: AppContext;
  bot: Bot;
  runtime: EscalationView;
  logger: RecordingLogger;
  /** Sends an inbound chat event as `personId` and waits for its processing. */
  as(personId: string, payload: InboundPayload): Promise<void>;
  close(): Promise<void>;
}

export interface World {
  temp: TempDatabase;
  clock: VirtualClock;
  deliveries: Delivery[];
  forms: { to: string; form: FormView }[];
  platforms: PlatformAdapter[];
  instance(id: string, db?: Database, settings?: EscalationSettings): Promise<Instance>;
  /** What a person's platform shows them: deliveries to their user ref. */
  to(personId: string): Delivery[];
  dispose(): Promise<void>;
}

export async function escalationWorld(): Promise<World> {
  const temp = await tempDatabase();
  await seedTeam(temp.db);
  const clock = new VirtualClock(T0);
  const deliveries: Delivery[] = [];
  const forms: World['forms'] = [];
  const platforms = [recordingPlatform('slack', deliveries, forms), recordingPlatform('teams', deliveries, forms)];
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent' });
  let seq = 0;
  const opened: Instance[] = [];

  async function instance(id: string, db: Database = temp.db, settings?: EscalationSettings): Promise<Instance> {
    const logger = recordingLogger();
    const ctx: AppContext = { config, db, clock, logger, calendar: createWorkCalendar(config.calendar), close: () => db.close() };
    const [slack, teams] = platforms;
    const bot = await startBot(ctx, {
      date: DATE, out: () => {}, wallClock: false, loadExamples: false, instanceId: id, escalation: settings,
      platforms: { configured: ['slack', 'teams'] },
      platformFactories: { slack: async () => slack!, teams: async () => teams! },
    });
    const escalation = { ...config.escalation, ...settings };
    const deps = escalationDepsOf(ctx, bot.gateway, escalation);
    const created: Instance = {
      db,
      ctx,
      bot,
      runtime: {
        deps,
        tickTimers: bot.tickTimers,
        checkStalledChains: createStalledChainCheck({ ...deps, thresholdMs: escalation.watchdogLateMs }),
        consentFor: consentCheckOf(ctx),
      },
      logger,
      as: async (personId, payload) => {
        const who = USER_REFS[personId]!;
        await bot.inbox.receive({ ...who, eventKey: `e${++seq}`, receivedAt: clock.now(), payload });
        await bot.inbox.drain();
      },
      close: async () => {
        await bot.stop();
        if (db !== temp.db) await db.close();
      },
    };
    opened.push(created);
    return created;
  }

  return {
    temp,
    clock,
    deliveries,
    forms,
    platforms,
    instance,
    to: (personId) => deliveries.filter((d) => d.to === USER_REFS[personId]!.userRef),
    dispose: async () => {
      for (const i of opened) await i.close().catch(() => undefined);
      await temp.dispose();
    },
  };
}

export const openAnother = (world: World) => openDatabase(world.temp.url);

/** The plain text of a view (header, texts, fields, context), for assertions. */
export function textOf(view: MessageView): string {
  return view.blocks
    .map((b) => {
      if (b.type === 'fields') return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
      if (b.type === 'actions') return b.buttons.map((x) => `[${x.label}]`).join(' ');
      if (b.type === 'divider') return '';
      return b.text;
    })
    .join('\n');
}

export const buttonsOf = (view: MessageView) => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
