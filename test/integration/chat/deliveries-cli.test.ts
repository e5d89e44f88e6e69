import { afterEach, describe, expect, it } from 'vitest';
import { ChatDeliveryError, type PlatformAdapter } from '../../../src/application/chat/ports.ts';
import { register as registerDeliveries } from '../../../src/cli/commands/deliveries.ts';
import { register as registerStatus } from '../../../src/cli/commands/status.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { outboxWorld, tickFor, view, type OutboxWorld } from '../../support/outbox-world.ts';
import { asOperator } from '../../support/operator.ts';

let w: OutboxWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

/** Slack that is down until `up` is set. */
function slackDown() {
  const posted: string[] = [];
  const self = {
    up: false,
    posted,
    adapter: {
      platform: 'slack',
      async post(_target, v) {
        if (!self.up) throw new ChatDeliveryError('slack', 'HTTP 503 after 5 attempts', true);
        posted.push(v.summary);
        return `slack-${posted.length}`;
      },
      async openForm() {},
      async start() {},
      async stop() {},
    } satisfies PlatformAdapter,
  };
  return self;
}

describe('kaiheisen deliveries and status', () => {
  it('lists what is pending or given up (no message text), and an admin puts a given-up one back: audited, then sent', async () => {
    const slack = slackDown();
    w = await outboxWorld([slack.adapter], [['w01', true, { slack: 'UW01' }], ['w02', false, { slack: 'UW02' }]]);
    await w.gateway.send({ personId: 'w02' }, view('0012 開栓 金沢市広坂1丁目1-1', 'day:2026-03-27:w02'));
    const ctx = await asOperator(testContext(w.t.db, w.clock), null);

    const pending = await runCommand(registerDeliveries, ['deliveries', 'list'], ctx);
    expect(pending.code).toBe(0);
    expect(pending.out).toContain('#1 送信待ち slack 宛先 UW02 (day:2026-03-27:w02) 試行 1 回');
    expect(pending.out).not.toContain('広坂');
    const status = await runCommand(registerStatus, ['status'], ctx);
    expect(status.out).toContain('チャット配信: 送信待ち 1 件 (うち管理者に通知済み 0 件、最も古いもの 2026-03-27 08:30)');

    w.clock.set((await w.t.db.read.delivery.findFirstOrThrow()).expiresAt!);
    await w.sender().tick(w.clock.now());
    const json = JSON.parse((await runCommand(registerDeliveries, ['deliveries', 'list', '--json'], ctx)).out) as { id: number; state: string; alerted: boolean }[];
    expect(json).toEqual([expect.objectContaining({ id: 1, state: 'failed', alerted: true })]);
    const statusJson = JSON.parse((await runCommand(registerStatus, ['status', '--json'], ctx)).out) as { deliveries: unknown };
    expect(statusJson.deliveries).toMatchObject({ pending: 0, failed: 1, refused: 0 });

    expect((await runCommand(registerDeliveries, ['deliveries', 'retry', '1'], ctx)).code).toBe(1);
    const refused = await runCommand(registerDeliveries, ['deliveries', 'retry', '1', '--by', 'w02'], ctx);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.err).toContain('チャット配信の再送');
    expect((await runCommand(registerDeliveries, ['deliveries', 'retry', 'x1', '--by', 'w01'], ctx)).code).toBe(2);
    const retried = await runCommand(registerDeliveries, ['deliveries', 'retry', '1', '--by', 'w01'], ctx);
    expect(retried.code).toBe(0);
    expect(retried.out).toContain('配信 #1 を送信待ちに戻しました');
    const audit = await w.t.db.read.auditLog.findMany({ where: { action: 'delivery.retry' } });
    expect(audit).toEqual([expect.objectContaining({ actorId: 'w01', channel: 'cli', entity: 'Delivery', entityId: '1' })]);
    expect(audit[0]!.before).not.toContain('広坂');

    slack.up = true;
    await tickFor(w, 5_000);
    expect(slack.posted).toEqual(['0012 開栓 金沢市広坂1丁目1-1']);
    const again = await runCommand(registerDeliveries, ['deliveries', 'retry', '1', '--by', 'w01'], ctx);
    expect(again.code).toBe(1);
    expect(again.err).toContain('もう送信済み');
    expect((await runCommand(registerDeliveries, ['deliveries', 'list'], ctx)).out).toBe('該当する配信はありません\n');
    expect((await runCommand(registerDeliveries, ['deliveries', 'list', '--state', 'sent'], ctx)).out).toContain('#1 送信済み');
    expect((await runCommand(registerDeliveries, ['deliveries', 'list', '--state', 'lost'], ctx)).code).toBe(2);
  });
});
