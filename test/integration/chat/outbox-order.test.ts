import { afterEach, describe, expect, it } from 'vitest';
import { ChatDeliveryError, type PlatformAdapter, type PlatformTarget } from '../../../src/application/chat/ports.ts';
import type { MessageView } from '../../../src/application/chat/view.ts';
import { outboxWorld, tickFor, view, type OutboxWorld } from '../../support/outbox-world.ts';

/**
 * Slack as a fake adapter: each user can be made to fail (5xx after the adapter's own retries: retryable), and a post
 * can be held (its promise waits until released) to interleave sends. Records what each user received, in order.
 */
function fakeSlack() {
  let n = 0;
  const posts: { to: string; text: string; update: boolean; resumed: boolean }[] = [];
  const failing = new Set<string>();
  const holds = new Map<string, () => void>();
  let holdNext: string | undefined;
  const self = {
    posts,
    failing,
    attempts: [] as string[],
    /** The next post to `user` waits until `release(user)`. */
    hold(user: string) {
      holdNext = user;
    },
    release(user: string) {
      holds.get(user)?.();
      holds.delete(user);
    },
    held: (user: string) => holds.has(user),
    received: (user: string) => posts.filter((p) => p.to === user).map((p) => p.text),
    adapter: {
      platform: 'slack',
      async post(target: PlatformTarget, v: MessageView, existingRef?: string, attempt?: { resumeSince?: Date }) {
        const to = target.kind === 'user' ? target.userRef : `#${target.channelRef}`;
        self.attempts.push(`${to} ${v.summary}`);
        if (holdNext === to) {
          holdNext = undefined;
          await new Promise<void>((resolve) => holds.set(to, resolve));
        }
        if (failing.has(to)) throw new ChatDeliveryError('slack', 'HTTP 503 after 5 attempts', true);
        posts.push({ to, text: v.summary, update: existingRef !== undefined, resumed: attempt?.resumeSince !== undefined });
        return existingRef ?? `slack-${++n}`;
      },
      async openForm() {},
      async start() {},
      async stop() {},
    } satisfies PlatformAdapter,
  };
  return self;
}

let w: OutboxWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

const rows = () => w!.t.db.read.delivery.findMany({ orderBy: { id: 'asc' } });
const TEAM: [string, boolean, Record<string, string>][] = [
  ['w01', true, { slack: 'UW01' }],
  ['w02', false, { slack: 'UW02' }],
  ['w03', false, { slack: 'UW03' }],
];

/** Waits (bounded) until the fake adapter holds a post to `user`: the send is in flight. */
async function heldPost(slack: ReturnType<typeof fakeSlack>, user: string): Promise<void> {
  // A bound in time, not in turns: on PostgreSQL each statement is a round trip over the network.
  const deadline = Date.now() + 5_000;
  while (!slack.held(user) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  if (!slack.held(user)) throw new Error(`no post to ${user} held`);
}

describe('deliveries to one person go out in the order they were written', () => {
  it('queues later messages behind a failed one, sends the queue oldest first once it goes through; others are not held up', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.failing.add('UW02');
    const first = await w.gateway.send({ personId: 'w02' }, view('1 本日の作業', 'day:2026-03-27:w02'));
    const second = await w.gateway.send({ personId: 'w02' }, view('2 結果を記録しました。'));
    const third = await w.gateway.send({ personId: 'w02' }, view('3 お客さまは在宅でしたか？'));
    const other = await w.gateway.send({ personId: 'w03' }, view('w03 への連絡'));
    expect(first.queued).toEqual([{ platform: 'slack', deliveryId: 1 }]);
    expect([second.queued, third.queued]).toEqual([[{ platform: 'slack', deliveryId: 2 }], [{ platform: 'slack', deliveryId: 3 }]]);
    expect(other.delivered).toEqual([{ platform: 'slack', ref: 'slack-1' }]);
    // Only the first was attempted: the two behind it waited, unattempted.
    expect(slack.attempts.filter((a) => a.startsWith('UW02'))).toEqual(['UW02 1 本日の作業']);
    expect((await rows()).map((r) => [r.state, r.attempts])).toEqual([['pending', 1], ['pending', 0], ['pending', 0], ['sent', 1]]);

    w.clock.advance(5_000);
    await w.sender().tick(w.clock.now()); // the head is due and fails again: the queue waits, nothing overtakes it
    expect(slack.received('UW02')).toEqual([]);
    slack.failing.delete('UW02');
    await tickFor(w, 15_000);
    expect(slack.received('UW02')).toEqual(['1 本日の作業', '2 結果を記録しました。', '3 お客さまは在宅でしたか？']);
    expect((await rows()).map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    await tickFor(w, 60_000);
    expect(slack.posts).toHaveLength(4); // exactly once each
  });

  it('sends what queued behind a send in flight as soon as it is done, within the same send (no wait for the sender)', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.hold('UW01');
    const flag = w.gateway.send({ personId: 'w01' }, view('要確認 0001'));
    await heldPost(slack, 'UW01');
    const doubt = await w.gateway.send({ personId: 'w01' }, view('疑義 0002'));
    expect(doubt.queued).toEqual([{ platform: 'slack', deliveryId: 2 }]);
    expect(slack.received('UW01')).toEqual([]);
    slack.release('UW01');
    expect((await flag).delivered).toHaveLength(1);
    expect(slack.received('UW01')).toEqual(['要確認 0001', '疑義 0002']);
    expect(slack.posts.map((p) => p.resumed)).toEqual([false, false]); // neither had been attempted before: no look-up
  });

  it('stops a queue at its first retryable failure; the other queues of the tick go on', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.failing.add('UW02').add('UW03');
    for (const [person, text] of [['w02', 'a1'], ['w03', 'b1'], ['w02', 'a2'], ['w03', 'b2']] as const) await w.gateway.send({ personId: person }, view(text));
    slack.failing.delete('UW03');
    // At +5 s both heads are due (one failed attempt each, so the oldest first): w02's fails again and, the platform
    // having failed in this tick, w03's waits for the next one; from then on w03's queue goes on while w02's waits.
    await tickFor(w, 15_000);
    expect(slack.received('UW03')).toEqual(['b1', 'b2']);
    expect(slack.received('UW02')).toEqual([]);
    expect(slack.attempts.filter((a) => a === 'UW02 a2')).toEqual([]);
    slack.failing.delete('UW02');
    await tickFor(w, 30_000);
    expect(slack.received('UW02')).toEqual(['a1', 'a2']);
  });

  it('does not let a given-up delivery block the queue: past its age limit it is failed, and the ones behind it go on', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.failing.add('UW02');
    await w.gateway.send({ personId: 'w02' }, view('古い呼び出し'));
    w.clock.advance(60_000);
    await w.gateway.send({ personId: 'w02' }, view('新しい連絡'));
    const [old] = await rows();
    // The old one is no longer relevant: the queue gives it up (admins told) and sends the next one.
    slack.failing.delete('UW02');
    w.clock.set(old!.expiresAt!);
    await w.t.db.write((tx) => tx.delivery.update({ where: { id: old!.id }, data: { nextAttemptAt: old!.expiresAt! } }));
    await w.sender().tick(w.clock.now());
    expect(slack.received('UW02')).toEqual(['新しい連絡']);
    expect((await rows()).map((r) => r.state)).toEqual(['failed', 'sent']);
    expect(w.logger.lines.filter((l) => l.level === 'error').map((l) => [l.message, l.fields?.deliveryId])).toEqual([['chat delivery given up: no longer relevant', 1]]);
  });

  it('does not let a superseded older view block the queue: the newer view takes its place', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.failing.add('UW02');
    await w.gateway.send({ personId: 'w02' }, view('本日 3 件', 'day:2026-03-27:w02'));
    await w.gateway.send({ personId: 'w02' }, view('結果を記録しました。'));
    await w.gateway.send({ personId: 'w02' }, view('本日 2 件', 'day:2026-03-27:w02'));
    expect((await rows()).map((r) => r.state)).toEqual(['dropped', 'pending', 'pending']);
    slack.failing.delete('UW02');
    await tickFor(w, 5_000);
    expect(slack.received('UW02')).toEqual(['結果を記録しました。', '本日 2 件']);
  });

  it.each([
    ['its lease ran out', async (world: OutboxWorld) => world.clock.advance(5 * 60_000 + 1)],
    [
      'a restart on its host took its claims back',
      async (world: OutboxWorld) => void (await world.t.db.statements((sql) => sql.run(`UPDATE "Delivery" SET "claimedBy" = NULL, "leaseUntil" = NULL`))),
    ],
  ])('a send that finds its target queue left by a crashed instance (%s) sends it from its head, resuming the cut-off attempt', async (_case, takeBack) => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.hold('UW02');
    const crashed = w.gatewayOf('bot-crashed');
    void crashed.send({ personId: 'w02' }, view('本日の作業', 'day:2026-03-27:w02'));
    await heldPost(slack, 'UW02'); // bot-crashed dies here: its post never completes
    await takeBack(w);
    const report = await w.gateway.send({ personId: 'w02' }, view('結果を記録しました。'));
    expect(report.delivered).toHaveLength(1); // its own delivery came right after the head
    expect(slack.posts.map((p) => [p.text, p.resumed])).toEqual([
      ['本日の作業', true], // the cut-off attempt may have reached Slack: looked up before it is posted again
      ['結果を記録しました。', false],
    ]);
  });

  it('lets two instances send at once: a queue is sent by one of them at a time, in order, each delivery once', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.failing.add('UW02').add('UW03');
    for (let i = 0; i < 12; i++) await w.gateway.send({ personId: i % 2 ? 'w02' : 'w03' }, view(`${i % 2 ? 'a' : 'b'}${i}`));
    slack.failing.clear();
    w.clock.advance(5_000);
    await Promise.all([w.sender('bot-a').tick(w.clock.now()), w.sender('bot-b').tick(w.clock.now()), w.gatewayOf('bot-c').send({ personId: 'w02' }, view('a-last'))]);
    await tickFor(w, 5_000);
    expect(slack.received('UW02')).toEqual([1, 3, 5, 7, 9, 11].map((i) => `a${i}`).concat('a-last'));
    expect(slack.received('UW03')).toEqual([0, 2, 4, 6, 8, 10].map((i) => `b${i}`));
  });

  it('renews the claim of an attempt in progress, so a short lease does not hand it to another instance', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    const timers = new Set<() => void>();
    const every = (_ms: number, fn: () => void) => (timers.add(fn), () => void timers.delete(fn));
    slack.failing.add('UW02');
    await w.gateway.send({ personId: 'w02' }, view('長い待ち'));
    slack.failing.delete('UW02');
    slack.hold('UW02'); // the platform makes this attempt wait (Retry-After) for minutes
    w.clock.advance(5_000);
    const ticking = w.sender('bot-a', { leaseMs: 30_000, every }).tick(w.clock.now());
    await heldPost(slack, 'UW02');
    expect(timers.size).toBe(1);
    for (let i = 0; i < 4; i++) {
      w.clock.advance(20_000); // 80 s in all: far past the 30 s lease, renewed every 20 s
      for (const renew of timers) renew();
      await w.sender('bot-b', { leaseMs: 30_000 }).tick(w.clock.now()); // another instance looks for work meanwhile
    }
    expect(slack.attempts.filter((a) => a === 'UW02 長い待ち')).toHaveLength(2); // the first failure, then this attempt only
    slack.release('UW02');
    await ticking;
    expect(timers.size).toBe(0); // renewing stops with the attempt
    expect(slack.received('UW02')).toEqual(['長い待ち']);
    expect((await rows())[0]).toMatchObject({ state: 'sent', claimedBy: null });
  });

  it('(without renewal, the same wait hands the delivery to the other instance once the lease ran out)', async () => {
    const slack = fakeSlack();
    w = await outboxWorld([slack.adapter], TEAM);
    slack.failing.add('UW02');
    await w.gateway.send({ personId: 'w02' }, view('長い待ち'));
    slack.failing.delete('UW02');
    slack.hold('UW02');
    w.clock.advance(5_000);
    const ticking = w.sender('bot-a', { leaseMs: 30_000 }).tick(w.clock.now());
    await heldPost(slack, 'UW02');
    w.clock.advance(40_000);
    await w.sender('bot-b', { leaseMs: 30_000 }).tick(w.clock.now());
    slack.release('UW02');
    await ticking;
    expect(slack.received('UW02')).toEqual(['長い待ち', '長い待ち']);
  });
});
