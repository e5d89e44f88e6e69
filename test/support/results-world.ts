import type { ConsoleDelivery } from '../../src/adapters/console/console-adapter.ts';
import type { ConsoleSession } from '../../src/adapters/console/console-session.ts';
import { startBot, type Bot, type BotOptions } from '../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from './bot-context.ts';

/**
 * The bot as `kaiheisen start` builds it, on a temp SQLite with the example staff and work orders of 2026-03-27
 * assigned (w01 is the day's supervisor), at 10:00 Tokyo unless told otherwise.
 */
export interface ResultsWorld {
  t: BotTestContext;
  bot: Bot;
  session: ConsoleSession;
  /** Starts the bot again on the same database (a restart); the old one is stopped first. */
  restart(): Promise<ConsoleSession>;
  dispose(): Promise<void>;
}

export async function resultsWorld(time = '10:00', options: BotOptions = {}): Promise<ResultsWorld> {
  const t = await botTestContext('2026-03-27', time);
  const start = () => startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, instanceId: 'bot', ...options });
  let bot = await start();
  const world: ResultsWorld = {
    t,
    bot,
    session: bot.console!.session,
    async restart() {
      await bot.stop();
      bot = await start();
      world.bot = bot;
      world.session = bot.console!.session;
      return world.session;
    },
    async dispose() {
      await bot.stop();
      await t.dispose();
    },
  };
  return world;
}

export interface OrderPick {
  orderNo: string;
  serial: string;
  personId: string;
  kind: string;
  previousReading: number | null;
  previousUsage: number | null;
  diameterMm: number | null;
  meterWork: string | null;
}

/** The first order of a kind the example assignment gave someone (optionally: this person, with/without meter work). */
export async function pickOrder(t: BotTestContext, kind: string, where: { personId?: string; meterWork?: string | null; not?: string[] } = {}): Promise<OrderPick> {
  const rows = await t.ctx.db.read.assignment.findMany({
    where: { date: '2026-03-27', personId: where.personId ?? { not: 'w01' } },
    include: { workOrder: true },
    orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }],
  });
  const found = rows.find(
    (r) =>
      r.workOrder.kind === kind &&
      !(where.not ?? []).includes(r.workOrder.orderNo) &&
      (where.meterWork === undefined || r.workOrder.meterWork === where.meterWork),
  );
  if (!found) throw new Error(`no ${kind} order in the examples for ${JSON.stringify(where)}`);
  const o = found.workOrder;
  return {
    orderNo: o.orderNo,
    serial: o.orderNo.slice(-4),
    personId: found.personId,
    kind: o.kind,
    previousReading: o.previousReading,
    previousUsage: o.previousUsage,
    diameterMm: o.diameterMm,
    meterWork: o.meterWork,
  };
}

export const textOf = (deliveries: ConsoleDelivery[]) => deliveries.map((d) => d.text).join('\n');

/** What the person got (posts and updates), newest last. */
export const repliesTo = (deliveries: ConsoleDelivery[], userRef: string) =>
  deliveries.filter((d) => d.target.kind === 'user' && d.target.userRef === userRef && d.kind !== 'form');

export async function resultOf(t: BotTestContext, orderNo: string) {
  return t.ctx.db.read.taskResult.findFirst({
    where: { workOrder: { orderNo } },
    include: { meterMovements: true, consumables: true, attachments: true, workOrder: { select: { status: true } } },
  });
}
