import { afterEach, describe, expect, it } from 'vitest';
import { startConfiguredBot } from '../../../src/assembly/start-configured.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';

const contexts: BotTestContext[] = [];
const bots: Bot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  for (const c of contexts.splice(0).reverse()) await c.dispose();
});

async function consoleBot(date: string, time: string, url?: string): Promise<{ bot: Bot; t: BotTestContext }> {
  const t = await botTestContext(date, time, url);
  contexts.push(t);
  const bot = await startConfiguredBot(t.ctx, { drivenClock: t.clock, wallClock: false, out: () => {} });
  bots.push(bot);
  return { bot, t };
}

describe('the console after a restart on the same database', () => {
  it('shows each person the messages they had, under the same refs, and their buttons can be pressed', async () => {
    const first = await consoleBot('2026-03-27', '19:00');
    await first.bot.clock!.advanceTo(tokyoInstant('2026-03-28', '09:10'));
    const order = await first.t.ctx.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: '20260328-0012' }, include: { assignment: true } });
    const worker = order.assignment!.personId;
    const before = first.bot.console!.session.as(worker).inbox();
    const withButtons = before.filter((m) => m.buttons.length > 0);
    expect(withButtons.length).toBeGreaterThan(0);
    await first.bot.stop();

    const second = await consoleBot('2026-03-28', '09:10', first.t.url);
    const session = second.bot.console!.session.as(worker);
    const after = session.inbox();
    expect(after.map((m) => [m.ref, m.text, m.buttons])).toEqual(before.map((m) => [m.ref, m.text, m.buttons]));
    const target = withButtons.at(-1)!;
    const pressed = await session.press(1, target.ref);
    expect(pressed.length).toBeGreaterThan(0);
    // A new message gets a ref no earlier one had.
    const refs = new Set(before.map((m) => m.ref));
    expect(pressed.filter((d) => d.messageRef).every((d) => d.kind === 'update' || !refs.has(d.messageRef!))).toBe(true);
  });
});
