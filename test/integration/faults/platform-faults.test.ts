import { afterEach, describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { startBot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { faultPlatform, postedTwice, type FaultKind } from '../../support/fault-platform.ts';
import { resultLines } from '../../support/soak-day.ts';

let t: BotTestContext | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

/** Every third call fails, cycling through 429, 500 and a network error. */
const everyThird = (n: number): FaultKind | undefined => (n % 3 === 0 ? (['429', '500', 'network'] as const)[(n / 3) % 3] : undefined);

describe('results sent through a chat platform that fails every third call (429, 500, network)', () => {
  it('records every result exactly once and posts each logical message once, then only updates it', async () => {
    t = await botTestContext('2026-03-27', '10:00');
    const slack = faultPlatform('slack', everyThird);
    const bot = await startBot(t.ctx, {
      date: '2026-03-27', out: () => {}, wallClock: false, instanceId: 'bot',
      platforms: { configured: ['slack'] }, platformFactories: { slack: async () => slack },
    });
    const people = await t.ctx.db.read.chatIdentity.findMany({ where: { platform: 'slack' } });
    const slackOf = new Map(people.map((p) => [p.personId, p.externalId]));
    await bot.postDay('2026-03-27');
    const orders = await t.ctx.db.read.assignment.findMany({
      where: { date: '2026-03-27', personId: { not: 'w01' }, workOrder: { kind: { in: ['open', 'close'] }, meterWork: null, previousReading: { not: null } } },
      include: { workOrder: true },
      orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }],
    });
    expect(orders.length).toBeGreaterThanOrEqual(10);
    let seq = 0;
    for (const a of orders) {
      for (const text of resultLines(a.workOrder)) {
        const envelope: InboundEnvelope = {
          platform: 'slack', eventKey: `Ev${++seq}`, userRef: slackOf.get(a.personId)!, conversationRef: `D${a.personId}`,
          receivedAt: t.clock.now(), payload: { type: 'text', text },
        };
        expect((await bot.inbox.receive(envelope)).duplicate).toBe(false);
        expect((await bot.inbox.receive(envelope)).duplicate).toBe(true); // Slack retries the event: the same event_id
        await bot.inbox.drain();
        // The delivery sender's 5-second ticks, as in the running bot: a refused message is retried after its backoff,
        // and the later messages to the same person wait for it (they go out in order).
        for (let i = 0; i < 30 && (await t.ctx.db.read.delivery.count({ where: { state: 'pending' } })) > 0; i++) {
          t.clock.advance(5_000);
          await bot.tick(t.clock.now());
        }
      }
    }
    await bot.stop();
    expect(slack.refused['429']! + slack.refused['500']! + slack.refused.network!).toBeGreaterThanOrEqual(orders.length);
    expect(await t.ctx.db.read.taskResult.count()).toBe(orders.length);
    const grouped = await t.ctx.db.read.taskResult.groupBy({ by: ['workOrderId'], _count: true });
    expect(grouped.every((g) => g._count === 1)).toBe(true);
    expect(await t.ctx.db.read.auditLog.count({ where: { action: 'result.record' } })).toBe(orders.length);
    expect(postedTwice(slack.calls)).toEqual([]);
    const updates = slack.calls.filter((c) => c.op === 'update' && c.key?.startsWith('day:2026-03-27:'));
    expect(updates.length).toBeGreaterThan(0);
    expect(await t.ctx.db.read.inboundEvent.count({ where: { state: { not: 'done' } } })).toBe(0);
    expect(await t.ctx.db.read.delivery.count({ where: { state: { in: ['pending', 'failed'] } } })).toBe(0); // sent, or superseded by a newer view
  });
});
