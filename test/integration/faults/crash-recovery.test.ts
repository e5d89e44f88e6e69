import { afterEach, describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import type { InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { t } from '../../../src/templates.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { pickOrder, resultOf } from '../../support/results-world.ts';

const opened: BotTestContext[] = [];
afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.dispose().catch(() => undefined);
});

async function context(url?: string): Promise<BotTestContext> {
  const c = await botTestContext('2026-03-27', '10:00', url);
  opened.push(c);
  return c;
}

const start = (c: BotTestContext, out: string[] = []) =>
  startBot(c.ctx, { date: '2026-03-27', out: (s) => out.push(s), wallClock: false, instanceId: 'bot' });

const text = (userRef: string, eventKey: string, c: BotTestContext, body: string): InboundEnvelope => ({
  platform: 'console',
  eventKey,
  userRef,
  conversationRef: userRef,
  receivedAt: c.clock.now(),
  payload: { type: 'text', text: body },
});

const said = (bot: Bot, userRef: string, part: string) => bot.console!.session.inbox(userRef).filter((m) => m.text.includes(part)).length;

describe('the process killed between receiving a reply and answering it', () => {
  it('recovers the stored はい after a restart: the result is recorded once and answered once', async () => {
    const first = await context();
    const before = await start(first);
    const o = await pickOrder(first, 'open', { meterWork: null });
    const s = before.console!.session.as(o.personId);
    await s.say(`${o.serial} 開栓完了 指針${o.previousReading!} 在宅 散水栓出る`);
    expect((await first.ctx.db.read.pendingReply.findFirst())?.step).toBe('confirm');
    await before.stop();

    // Received and stored (the platform was acknowledged), then the process died before working on it.
    const stored = await createInboxStore(first.ctx.db).store(text(o.personId, 'slack-like-1', first, 'はい'));
    expect(stored.duplicate).toBe(false);
    await first.ctx.close();

    const second = await context(first.url);
    const out: string[] = [];
    const after = await start(second, out);
    expect(after.recovered).toBe(1);
    expect(out.join('')).toContain(t('bot.recovered', { count: 1 }));
    await after.inbox.drain();
    const row = await resultOf(second, o.orderNo);
    expect(row).toMatchObject({ outcome: 'done', reading: o.previousReading!, personId: o.personId });
    expect(await second.ctx.db.read.taskResult.count()).toBe(1);
    expect(said(after, o.personId, '結果を記録しました。')).toBe(1);
    expect(await second.ctx.db.read.inboundEvent.count({ where: { state: { not: 'done' } } })).toBe(0);

    // The platform retries the same event after the restart: a duplicate, nothing happens.
    expect((await after.inbox.receive(text(o.personId, 'slack-like-1', second, 'はい'))).duplicate).toBe(true);
    await after.stop();
    const third = await start(second);
    expect(third.recovered).toBe(0);
    await third.stop();
    expect(await second.ctx.db.read.taskResult.count()).toBe(1);
    expect(await second.ctx.db.read.auditLog.count({ where: { action: 'result.record', entityId: o.orderNo } })).toBe(1);
  });
});
