import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { INLINE_RETRY_BUDGET_MS } from '../../../src/application/chat/delivery.ts';
import type { InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { startBot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { fakeSlackApi, type SlackFault } from '../../support/fake-slack-api.ts';
import { resultLines } from '../../support/soak-day.ts';

let t: BotTestContext | undefined;
let slackApi: ReturnType<typeof fakeSlackApi> | undefined;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  await t?.dispose();
  slackApi?.dispose();
  t = slackApi = undefined;
});

/** Of every four posts or updates: a 429 with Retry-After, a 500, a network error, then one that goes through. */
const cycle = (n: number): SlackFault | undefined => (['429', '500', 'network', undefined] as const)[n % 4];

/** The bot with the real Slack adapter (against the nock'd API), its waits between retries recorded, not slept. */
const slackBot = (c: BotTestContext, sleeps: number[]) =>
  startBot(c.ctx, {
    date: '2026-03-27', out: () => {}, wallClock: false, instanceId: 'bot', platforms: { configured: ['slack'] },
    platformFactories: {
      slack: async (deps) =>
        new SlackAdapter({ mode: 'http', botToken: 'xoxb-test', signingSecret: 'secret' }, { ...deps, sleep: async (ms) => void sleeps.push(ms) }),
    },
  });

describe('the real Slack adapter against a Slack API answering 429, 500 and network errors before succeeding', () => {
  it('records each result once; Slack ends up with one message per logical message, updated in place', async () => {
    slackApi = fakeSlackApi((n) => (n % 7 === 0 ? 'lost' : cycle(n)));
    t = await botTestContext('2026-03-27', '10:00');
    const sleeps: number[] = [];
    const bot = await slackBot(t, sleeps);
    await bot.postDay('2026-03-27');
    const orders = await t.ctx.db.read.assignment.findMany({
      where: { date: '2026-03-27', personId: { in: ['w02', 'w03'] }, workOrder: { kind: { in: ['open', 'close'] }, meterWork: null, previousReading: { not: null } } },
      include: { workOrder: true },
      orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }],
    });
    expect(orders.length).toBeGreaterThanOrEqual(4);
    let seq = 0;
    for (const a of orders) {
      for (const text of resultLines(a.workOrder)) {
        const envelope: InboundEnvelope = {
          platform: 'slack', eventKey: `Ev${++seq}`, userRef: `U${a.personId.toUpperCase()}`, conversationRef: `DU${a.personId.toUpperCase()}`,
          receivedAt: t.clock.now(), payload: { type: 'text', text },
        };
        await bot.inbox.receive(envelope);
        expect((await bot.inbox.receive(envelope)).duplicate).toBe(true);
        await bot.inbox.drain();
      }
    }
    // What a send left to the outbox after its short retry budget goes out on the sender's next ticks, as in the bot.
    for (let i = 0; i < 20 && (await t.ctx.db.read.delivery.count({ where: { state: 'pending' } })) > 0; i++) {
      t.clock.advance(60_000);
      await bot.tick(t.clock.now());
    }
    expect(await t.ctx.db.read.delivery.count({ where: { state: 'pending' } })).toBe(0);
    await bot.stop();
    expect(slackApi.faults).toMatchObject({ '429': expect.any(Number), '500': expect.any(Number), network: expect.any(Number), lost: expect.any(Number) });
    expect(sleeps).toContain(2000); // the Retry-After of the 429s
    expect(await t.ctx.db.read.taskResult.count()).toBe(orders.length);
    expect(await t.ctx.db.read.auditLog.count({ where: { action: 'result.record' } })).toBe(orders.length);
    expect(slackApi.duplicates()).toEqual([]);
    const dms = slackApi.messages.get('DUW02') ?? [];
    const day = dms.filter((m) => m.key?.startsWith('day:2026-03-27:w02#'));
    expect(day.length).toBeGreaterThan(0);
    expect(day.some((m) => m.updates > 0)).toBe(true);
    const confirmations = dms.filter((m) => m.text.includes('結果を記録しました'));
    expect(confirmations.length).toBe(orders.filter((o) => o.personId === 'w02').length);
  });

  it('keeps a post found after a lost answer when touching it up fails: the caller gets its ref and posts nothing more', async () => {
    slackApi = fakeSlackApi((n) => (n === 1 ? 'lost' : '500'));
    const adapter = new SlackAdapter(
      { mode: 'http', botToken: 'xoxb-test', signingSecret: 'secret' },
      { logger: recordingLogger(), sleep: async () => {} },
    );
    const view = { key: 'day:2026-03-27:w02', summary: '本日の作業', blocks: [{ type: 'text' as const, text: '0012 開栓' }] };
    const ref = await adapter.post({ kind: 'user', userRef: 'UW02' }, view);
    const held = slackApi.messages.get('DUW02')!;
    expect(held).toHaveLength(1);
    expect(ref).toBe(`DUW02:${held[0]!.ts}`);
    expect(slackApi.faults).toMatchObject({ lost: 1, '500': 1 });
  });

  it('while Slack fails, each message a worker sends waits at most the short retry budget; the outbox sends the answers once Slack is back', async () => {
    let down = true;
    slackApi = fakeSlackApi(() => (down ? '500' : undefined));
    t = await botTestContext('2026-03-27', '10:00');
    const sleeps: number[] = [];
    const bot = await slackBot(t, sleeps);
    try {
      for (const [i, worker] of ['w02', 'w03', 'w04'].entries()) {
        const before = sleeps.length;
        const upper = worker.toUpperCase();
        await bot.inbox.receive({ platform: 'slack', eventKey: `EvDown${i}`, userRef: `U${upper}`, conversationRef: `DU${upper}`, receivedAt: t.clock.now(), payload: { type: 'text', text: 'ヘルプ' } });
        await bot.inbox.drain();
        const waited = sleeps.slice(before).reduce((a, b) => a + b, 0);
        expect(waited).toBeGreaterThan(0); // the adapter did retry, briefly
        expect(waited).toBeLessThanOrEqual(INLINE_RETRY_BUDGET_MS); // and left the rest to the outbox: the next worker is not held up
      }
      expect(await t.ctx.db.read.inboundEvent.count({ where: { state: 'done' } })).toBe(3);
      expect(await t.ctx.db.read.delivery.count({ where: { state: 'pending' } })).toBe(3);
      down = false;
      t.clock.advance(60_000);
      await bot.tick(t.clock.now());
      expect(await t.ctx.db.read.delivery.count({ where: { dedupeKey: { startsWith: 'event:' }, state: 'sent' } })).toBe(3);
      for (const dm of ['DUW02', 'DUW03', 'DUW04']) expect((slackApi.messages.get(dm) ?? []).filter((m) => m.text.includes('使い方')), dm).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });
});
