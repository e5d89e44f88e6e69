import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { loadConfig } from '../../src/config.ts';
import { createAppContext, type AppContext } from '../../src/assembly/context.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';

/** An AppContext on a fresh temp SQLite with a virtual clock at a Tokyo date and time. */
export interface BotTestContext {
  ctx: AppContext;
  clock: VirtualClock;
  url: string;
  dispose(): Promise<void>;
}

export async function botTestContext(date = '2026-03-27', time = '09:00', url?: string): Promise<BotTestContext> {
  const dir = url ? undefined : mkdtempSync(join(tmpdir(), 'kaiheisen-bot-'));
  const databaseUrl = url ?? `file:${join(dir!, 'test.db')}`;
  const clock = new VirtualClock(tokyoInstant(date, time));
  const ctx = await createAppContext(loadConfig({ DATABASE_URL: databaseUrl, KAIHEISEN_LOG_LEVEL: 'silent' }), { clock });
  return {
    ctx,
    clock,
    url: databaseUrl,
    dispose: async () => {
      await ctx.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
