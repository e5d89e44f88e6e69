import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import type { ConsoleDelivery } from '../../src/adapters/console/console-adapter.ts';
import { KANAZAWA_MAPPING } from '../../src/adapters/csv/column-mapping.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import { loadConfig } from '../../src/config.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';
import { createAppContext, type AppContext } from '../../src/assembly/context.ts';
import { exampleFiles } from '../../src/assembly/examples/example-loader.ts';
import { readExampleOrders } from '../../src/assembly/examples/example-orders.ts';
import { importDepsOf } from '../../src/assembly/services/work-orders.ts';

export const DAY = '2026-03-27';
export const SAMPLE_ORDERS = 'examples/work-orders-2026-03-27.csv';
export const CHANGES = 'examples/simulate/work-orders-changes.csv';

/** The example team and orders on a temp SQLite, the bot on the console with a virtual clock (no wall clock). */
export interface DispatchDay {
  ctx: AppContext;
  clock: VirtualClock;
  bot: Bot;
  url: string;
  /** Moves the clock to HH:MM of the day and runs the jobs and pollers due; returns what that delivered. */
  at(hhmm: string): Promise<ConsoleDelivery[]>;
  /** Imports a work-order export as `kaiheisen import` would (another process: only the database is shared). */
  importFile(path: string): Promise<{ imported: number; updated: number }>;
  /** Starts a second bot on the same database (a restart, or another instance). */
  restart(instanceId: string): Promise<Bot>;
  dispose(): Promise<void>;
}

export interface DispatchDayOptions {
  time?: string;
  env?: Record<string, string>;
}

export async function dispatchDay(options: DispatchDayOptions = {}): Promise<DispatchDay> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-dispatch-'));
  const url = `file:${join(dir, 'test.db')}`;
  const clock = new VirtualClock(tokyoInstant(DAY, options.time ?? '08:00'));
  const ctx = await createAppContext(loadConfig({ DATABASE_URL: url, KAIHEISEN_LOG_LEVEL: 'silent', ...options.env }), { clock });
  const bots: Bot[] = [];
  const start = async (instanceId: string) => {
    const bot = await startBot(ctx, {
      date: DAY,
      platforms: { forceConsole: true },
      loadExamples: true,
      demoFiles: exampleFiles('examples'),
      wallClock: false,
      out: () => {},
      instanceId,
      consoleSessionId: instanceId,
    });
    bots.push(bot);
    await bot.tick(clock.now());
    return bot;
  };
  const bot = await start('bot-a');
  return {
    ctx,
    clock,
    bot,
    url,
    async at(hhmm) {
      clock.set(tokyoInstant(DAY, hhmm));
      const adapter = bot.console!.adapter;
      const before = adapter.lastSeq();
      await bot.tick(clock.now());
      return adapter.deliveries(before);
    },
    async importFile(path) {
      const source = readExampleOrders(path, KANAZAWA_MAPPING, DAY);
      return importWorkOrders(importDepsOf(ctx), { source, dryRun: false, actor: { actorId: null, channel: 'cli' } });
    },
    restart: start,
    async dispose() {
      for (const b of bots) await b.stop();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of every delivery to one console user (w02) or the bureau channel ('#bureau'). */
export function textsTo(deliveries: ConsoleDelivery[], ref: string): string[] {
  const wanted = ref.startsWith('#') ? `channel:${ref.slice(1)}` : `user:${ref}`;
  return deliveries
    .filter((d) => (d.target.kind === 'user' ? `user:${d.target.userRef}` : `channel:${d.target.channelRef}`) === wanted)
    .map((d) => d.text);
}
