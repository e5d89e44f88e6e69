import { afterEach, describe, expect, it } from 'vitest';
import { withDeliveryCause } from '../../../src/adapters/scheduler/delivery-cause.ts';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { TEST_DIALECT } from '../../support/temp-db.ts';
import { RETRY_DELAYS_MS } from '../../../src/application/chat/delivery-attempt.ts';
import { reached } from '../../../src/application/chat/delivery.ts';
import { ChatDeliveryError, type PlatformAdapter, type PlatformTarget } from '../../../src/application/chat/ports.ts';
import type { MessageView, Platform } from '../../../src/application/chat/view.ts';
import { outboxWorld, tickFor, view, type OutboxWorld } from '../../support/outbox-world.ts';

/** A platform that is up, down (5xx after its own retries: retryable) or refuses every target (not retryable). */
function switchable(platform: Platform) {
  let n = 0;
  const posts: { to: string; ref: string; text: string; update: boolean }[] = [];
  const self = {
    mode: 'up' as 'up' | 'down' | 'refuse',
    posts,
    attempts: 0,
    adapter: {
      platform,
      async post(target: PlatformTarget, v: MessageView, existingRef?: string) {
        self.attempts++;
        if (self.mode === 'down') throw new ChatDeliveryError(platform, 'HTTP 503 after 5 attempts', true);
        if (self.mode === 'refuse') throw new ChatDeliveryError(platform, 'channel_not_found', false);
        const ref = existingRef ?? `${platform}-${++n}`;
        posts.push({ to: target.kind === 'user' ? target.userRef : `#${target.channelRef}`, ref, text: v.summary, update: existingRef !== undefined });
        return ref;
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

describe('the chat gateway with its outbox', () => {
  it('writes each message before its first attempt (the view encrypted at rest) and sends it at once', async () => {
    const slack = switchable('slack');
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]]);
    const report = await w.gateway.send({ personId: 'w02' }, view('0012 開栓 金沢市広坂1丁目1-1', 'day:2026-03-27:w02'));
    expect(report.delivered).toEqual([{ platform: 'slack', ref: 'slack-1' }]);
    const raw = await w.t.db.statements((sql) => sql.all<{ view: string; state: string; logicalKey: string }>('SELECT "view", "state", "logicalKey" FROM "Delivery"'));
    expect(raw).toHaveLength(1);
    expect(raw[0]!.view.startsWith('enc:v1:')).toBe(true);
    expect(raw[0]!.view).not.toContain('広坂');
    expect(raw[0]).toMatchObject({ state: 'sent', logicalKey: 'slack:day:2026-03-27:w02@user:UW02' });
    expect(await w.refs.get('slack', 'day:2026-03-27:w02@user:UW02')).toBe('slack-1');
  });

  it('reports a retryable failure as queued, stores no ref, and retries with backoff until the platform takes it', async () => {
    const slack = switchable('slack');
    slack.mode = 'down';
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]]);
    const report = await w.gateway.send({ personId: 'w02' }, view('本日の作業', 'day:2026-03-27:w02'));
    expect(report.delivered).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.queued).toEqual([{ platform: 'slack', deliveryId: 1 }]);
    expect(reached(report)).toBe(true);
    expect(await w.refs.get('slack', 'day:2026-03-27:w02@user:UW02')).toBeUndefined();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [d] = await rows();
      waits.push(d!.nextAttemptAt.getTime() - w.clock.now().getTime());
      w.clock.set(d!.nextAttemptAt);
      await w.sender().tick(w.clock.now());
    }
    expect(waits).toEqual(RETRY_DELAYS_MS.slice(0, 4));
    slack.mode = 'up';
    await tickFor(w, 5 * 60_000);
    expect(slack.posts).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ state: 'sent', attempts: 6, messageRef: 'slack-1' });
    expect(await w.refs.get('slack', 'day:2026-03-27:w02@user:UW02')).toBe('slack-1');
  });

  it('tries a platform that fails once per tick, not once per due delivery, until it is back', async () => {
    const slack = switchable('slack');
    slack.mode = 'down';
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }], ['w03', false, { slack: 'UW03' }]]);
    for (let i = 0; i < 5; i++) await w.gateway.send({ personId: i % 2 ? 'w02' : 'w03' }, view(`お知らせ ${i}`));
    expect(slack.attempts).toBe(2); // the first to each person; the later ones wait behind them, unattempted
    expect((await rows()).map((r) => r.attempts)).toEqual([1, 1, 0, 0, 0]);
    w.clock.advance(5_000);
    await w.sender().tick(w.clock.now()); // both heads are due: the first fails, the other waits for the next tick
    expect(slack.attempts).toBe(3);
    const ticks = 5;
    await tickFor(w, ticks * 5_000);
    expect(slack.attempts).toBeLessThanOrEqual(3 + ticks); // at most one per 5-second tick
    expect((await rows()).slice(2).map((r) => r.attempts)).toEqual([0, 0, 0]);
    slack.mode = 'up';
    await tickFor(w, 60_000);
    expect(slack.posts.filter((p) => p.to === 'UW03').map((p) => p.text)).toEqual([0, 2, 4].map((i) => `お知らせ ${i}`));
    expect(slack.posts.filter((p) => p.to === 'UW02').map((p) => p.text)).toEqual([1, 3].map((i) => `お知らせ ${i}`));
    expect((await rows()).map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });

  it('fails at once and reports the failure when the platform refuses the target (callers skip the person)', async () => {
    const slack = switchable('slack');
    slack.mode = 'refuse';
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]]);
    const report = await w.gateway.send({ personId: 'w02' }, view('呼び出し'));
    expect(reached(report)).toBe(false);
    expect(report.failures).toEqual([{ platform: 'slack', reason: 'channel_not_found' }]);
    expect((await rows())[0]).toMatchObject({ state: 'failed', attempts: 1, lastError: 'channel_not_found' });
    const unknown = await w.gateway.send({ personId: 'nobody' }, view('呼び出し'));
    expect(unknown.failures).toEqual([{ reason: 'person nobody has no identity on an enabled platform' }]);
    expect(await w.t.db.read.delivery.count()).toBe(1);
  });

  it('sends nothing twice when the same cause (a replayed event, a re-run job) runs again', async () => {
    const slack = switchable('slack');
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]], { slack: 'C0BUREAU' });
    const work = async () => {
      await w!.gateway.send({ personId: 'w02' }, view('結果を記録しました。'));
      await w!.gateway.send({ personId: 'w02' }, view('結果を記録しました。'));
      await w!.gateway.send({ channel: 'bureau' }, view('本日の配置', 'day:2026-03-27:bureau'));
    };
    await withDeliveryCause({ key: 'event:41' }, work);
    const replay = await withDeliveryCause({ key: 'event:41' }, async () => {
      await work();
      return w!.gateway.send({ personId: 'w02' }, view('結果を記録しました。'));
    });
    // The replay's first three sends were written before; its fourth is new (a fourth message of the event).
    expect(slack.posts.map((p) => p.to)).toEqual(['UW02', 'UW02', '#C0BUREAU', 'UW02']);
    expect(replay.delivered).toHaveLength(1);
    await withDeliveryCause({ key: 'event:42' }, work);
    expect(slack.posts).toHaveLength(7);
    expect(slack.posts.at(-1)).toMatchObject({ to: '#C0BUREAU', update: true });
  });

  it('drops an older unsent view superseded by a newer one of the same key: the newer one is never overwritten', async () => {
    const slack = switchable('slack');
    slack.mode = 'down';
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]]);
    await w.gateway.send({ personId: 'w02' }, view('3 件', 'day:2026-03-27:w02'));
    await w.gateway.send({ personId: 'w02' }, view('4 件 (振替で 1 件追加)', 'day:2026-03-27:w02'));
    slack.mode = 'up';
    await tickFor(w, 60_000);
    expect(slack.posts.map((p) => p.text)).toEqual(['4 件 (振替で 1 件追加)']);
    expect((await rows()).map((r) => r.state)).toEqual(['dropped', 'sent']);
  });

  it('waits for an older view another instance is sending, then drops it as superseded and sends only the newer one', async () => {
    const slack = switchable('slack');
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]]);
    const target = { kind: 'user', userRef: 'UW02' } as const;
    const logicalKey = 'slack:day:2026-03-27:w02@user:UW02';
    const lease = new Date(w.clock.now().getTime() + 60_000);
    const old = await w.store.enqueue(
      { dedupeKey: 'elsewhere', platform: 'slack', to: { personId: 'w02' }, target, view: view('古い内容', 'day:2026-03-27:w02'), logicalKey, targetKey: 'slack:user:UW02', expiresAt: new Date(lease.getTime() + 3_600_000), createdAt: w.clock.now() },
      'bot-b',
      lease,
    );
    expect(old.claimed).toBe(true);
    const report = await w.gateway.send({ personId: 'w02' }, view('新しい内容', 'day:2026-03-27:w02'));
    expect(report.queued).toHaveLength(1); // not attempted while the older one is in flight
    await w.sender().tick(w.clock.now());
    expect(slack.posts).toEqual([]);
    w.clock.advance(61_000); // bot-b died: its lease ran out
    await w.sender().tick(w.clock.now());
    expect(slack.posts.map((p) => p.text)).toEqual(['新しい内容']);
    expect((await rows()).map((r) => r.state)).toEqual(['dropped', 'sent']);
  });

  // SQLite's query_only stands in for the full disk; PostgreSQL's own write failures are the health probe's.
  it.skipIf(TEST_DIALECT === 'postgres')('still sends once, without the outbox, when the database takes no write (a full disk): the alarm about it gets out', async () => {
    const slack = switchable('slack');
    w = await outboxWorld([slack.adapter], [['w01', true, { slack: 'UW01' }]]);
    sqliteOnly(w.t.db, 'この処理').rawConnection().pragma('query_only = ON');
    const report = await w.gateway.send({ personId: 'w01' }, view('データベースに書き込めません'));
    sqliteOnly(w.t.db, 'この処理').rawConnection().pragma('query_only = OFF');
    expect(report.delivered).toEqual([{ platform: 'slack', ref: 'slack-1' }]);
    expect(await w.t.db.read.delivery.count()).toBe(0);
    expect(w.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['outbox not writable: sending without it']);
  });

  it('lets two instances tick at once: each delivery is claimed and sent by one of them only', async () => {
    const slack = switchable('slack');
    slack.mode = 'down';
    w = await outboxWorld([slack.adapter], [['w02', false, { slack: 'UW02' }]]);
    for (let i = 0; i < 30; i++) await w.gateway.send({ personId: 'w02' }, view(`お知らせ ${i}`));
    slack.mode = 'up';
    w.clock.advance(5_000);
    await Promise.all([w.sender('bot-a').tick(w.clock.now()), w.sender('bot-b').tick(w.clock.now())]);
    expect(slack.posts).toHaveLength(30);
    expect(new Set(slack.posts.map((p) => p.text)).size).toBe(30);
    expect(await w.t.db.read.delivery.count({ where: { state: 'sent' } })).toBe(30);
  });
});

describe('deliveries that keep failing', () => {
  it('are reported once to each admin on another platform, then given up at their age limit and reported again', async () => {
    const slack = switchable('slack');
    const teams = switchable('teams');
    slack.mode = 'down';
    w = await outboxWorld([slack.adapter, teams.adapter], [['w01', true, { slack: 'UW01', teams: 'aad-w01' }], ['w02', false, { slack: 'UW02' }]]);
    await w.gateway.send({ personId: 'w02' }, view('0012 開栓 金沢市広坂1丁目1-1 試験 太郎 様'));
    await tickFor(w, 20 * 60_000); // 9 attempts so far
    expect(teams.posts).toEqual([]);
    await tickFor(w, 11 * 60_000); // the 10th attempt
    expect(teams.posts).toHaveLength(1);
    expect(teams.posts[0]!.to).toBe('aad-w01');
    expect(teams.posts[0]!.text).toContain('配信 #1 (slack、宛先 w02)');
    await tickFor(w, 30 * 60_000);
    expect(teams.posts).toHaveLength(1); // once
    const stuck = w.logger.lines.filter((l) => l.level === 'error');
    expect(stuck).toEqual([expect.objectContaining({ message: 'chat delivery keeps failing', fields: expect.objectContaining({ deliveryId: 1, platform: 'slack', adminsTold: 1 }) })]);

    w.clock.set(new Date((await rows())[0]!.expiresAt!.getTime()));
    await w.sender().tick(w.clock.now());
    expect((await rows())[0]).toMatchObject({ state: 'failed' });
    expect(teams.posts).toHaveLength(2);
    expect(teams.posts[1]!.text).toContain('kaiheisen deliveries retry 1');
    expect(w.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['chat delivery keeps failing', 'chat delivery given up: no longer relevant']);
    const logged = JSON.stringify(w.logger.lines);
    expect(logged).not.toContain('広坂');
    expect(logged).not.toContain('太郎');
  });

  it('are named in an error log line (delivery id, platform) when no admin is reachable on another platform', async () => {
    const slack = switchable('slack');
    slack.mode = 'down';
    w = await outboxWorld([slack.adapter], [['w01', true, { slack: 'UW01' }], ['w02', false, { slack: 'UW02' }]]);
    await w.gateway.send({ personId: 'w02' }, view('呼び出し'));
    await tickFor(w, 31 * 60_000);
    const errors = w.logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.fields).toMatchObject({ deliveryId: 1, platform: 'slack', adminsTold: 0 });
    expect(slack.posts).toEqual([]);
  });
});
