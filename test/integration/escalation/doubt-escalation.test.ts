import { afterEach, describe, expect, it } from 'vitest';
import { acknowledgeDoubt } from '../../../src/application/doubts/acknowledge-doubt.ts';
import { decideEscalationStep } from '../../../src/application/doubts/escalate-doubt.ts';
import { notifyDoubtLevel } from '../../../src/application/doubts/notify-doubt-level.ts';
import { createTimerRunner } from '../../../src/application/timers/timer-runner.ts';
import { createTimerStore } from '../../../src/adapters/db/timer-store.ts';
import { escalationTimerHandlers } from '../../../src/application/escalation/escalation-routes.ts';
import { escalationWorld, minutes, openAnother, textOf, type Instance, type World } from '../../support/escalation-world.ts';

let world: World;
afterEach(async () => world?.dispose());

const cardsTo = (w: World, personId: string) => w.to(personId).filter((d) => d.view.key === 'doubt:1');
const raise = (i: Instance) => i.as('w02', { type: 'text', text: '疑義 0001 メーターが見当たりません' });

async function events(i: Instance) {
  return (await i.db.read.caseEvent.findMany({ where: { caseType: 'doubt', caseId: 1 }, orderBy: { id: 'asc' } })).map((e) => e.action);
}

describe('doubt escalation on durable timers (virtual clock)', () => {
  it('notifies level 0 at once, escalates at exactly the timeout and not one millisecond before', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    expect(cardsTo(world, 'w01')).toHaveLength(1);
    expect(textOf(cardsTo(world, 'w01')[0]!.view)).toContain('メーターが見当たりません');
    expect(world.to('w02').some((d) => textOf(d.view).includes('架空 太郎 に送りました'))).toBe(true);

    world.clock.set(new Date(minutes(10).getTime() - 1));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    expect(cardsTo(world, 'c01')).toHaveLength(0);

    world.clock.set(minutes(10));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    expect(cardsTo(world, 'c01')[0]!.op).toBe('post');
    expect(world.to('w02').some((d) => textOf(d.view).includes('想定 一郎 に回しました'))).toBe(true);
    // w01's card was updated in place (same ref), now showing c01 as the holder.
    const w01 = cardsTo(world, 'w01');
    expect(w01.at(-1)!.op).toBe('update');
    expect(new Set(w01.map((d) => d.ref)).size).toBe(1);
    expect(textOf(w01.at(-1)!.view)).toContain('担当: 想定 一郎');
    const doubt = await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } });
    expect(doubt.currentLevel).toBe(1);
    expect(doubt.levelNotifiedAt).toEqual(minutes(10));
  });

  it('acknowledging stops the chain: no later level is paged', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    world.clock.set(minutes(3));
    await a.as('w01', { type: 'button', actionId: 'doubt.ack', value: '{"doubtId":1}' });
    world.clock.set(minutes(60));
    await a.runtime.tickTimers(world.clock.now());
    expect(cardsTo(world, 'c01')).toHaveLength(0);
    const doubt = await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } });
    expect(doubt).toMatchObject({ state: 'acknowledged', holderId: 'w01', acknowledgedAt: minutes(3) });
    expect(world.to('w02').some((d) => textOf(d.view).includes('架空 太郎 が受領しました'))).toBe(true);
    expect(await events(a)).toContain('acknowledged');
    const audit = await a.db.read.auditLog.findMany({ where: { entity: 'Doubt', entityId: '1' } });
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['doubt.raise', 'doubt.acknowledge']));
  });

  it('a restart in the middle of a chain resumes it: the overdue step runs once on the first tick', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    await world.temp.db.close();
    world.clock.set(minutes(25)); // down for 25 minutes: level 1 was due at 10
    world.temp.db = await openAnother(world);
    const b = await world.instance('after-restart', world.temp.db);
    expect(await b.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(await b.runtime.tickTimers(world.clock.now())).toBe(0);
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    // The next step (chain exhausted) is due 15 minutes after level 1 was notified, not before.
    world.clock.set(new Date(minutes(40).getTime() - 1));
    expect(await b.runtime.tickTimers(world.clock.now())).toBe(0);
    world.clock.set(minutes(40));
    expect(await b.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(world.to('c01').filter((d) => textOf(d.view).includes('全員に連絡しましたが'))).toHaveLength(1);
    expect(b.logger.lines.some((l) => l.level === 'warn' && l.message.includes('exhausted'))).toBe(true);
  });

  it('two instances on one database notify once per step', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    const b = await world.instance('b', await openAnother(world));
    await raise(a);
    world.clock.set(minutes(10));
    const ran = await Promise.all([a.runtime.tickTimers(world.clock.now()), b.runtime.tickTimers(world.clock.now())]);
    expect(ran.sort()).toEqual([0, 1]);
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    world.clock.set(minutes(25));
    await Promise.all([a.runtime.tickTimers(world.clock.now()), b.runtime.tickTimers(world.clock.now())]);
    for (const person of ['w01', 'c01']) {
      expect(world.to(person).filter((d) => textOf(d.view).includes('全員に連絡しましたが'))).toHaveLength(1);
    }
    expect((await events(a)).filter((e) => e === 'levelStarted')).toHaveLength(2);
  });

  it('editing the contact chart after start does not change a running doubt', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    await a.db.write((tx) => tx.contactChartLevel.updateMany({ where: { chart: 'doubt', position: 1 }, data: { personId: 'c02', ackTimeoutMinutes: 1 } }));
    await a.db.write((tx) => tx.contactChartLevel.updateMany({ where: { chart: 'doubt', position: 0 }, data: { ackTimeoutMinutes: 1 } }));
    world.clock.set(minutes(5));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    world.clock.set(minutes(10));
    await a.runtime.tickTimers(world.clock.now());
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    expect(cardsTo(world, 'c02')).toHaveLength(0);
  });

  it('an acknowledgement between the claim and the send suppresses the message', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    const handlers = escalationTimerHandlers(a.runtime.deps);
    const real = handlers['doubt.escalate']!;
    const racing = createTimerRunner({
      store: createTimerStore(a.db),
      logger: a.logger,
      instanceId: 'racing',
      handlers: {
        ...handlers,
        // Claimed by this runner; the supervisor acknowledges before the handler runs.
        'doubt.escalate': async (timer, now) => {
          await acknowledgeDoubt(a.runtime.deps, { actorId: 'w01', channel: 'slack' }, 1);
          await real(timer, now);
        },
      },
    });
    world.clock.set(minutes(10));
    expect(await racing.tick(world.clock.now())).toBe(1);
    expect(cardsTo(world, 'c01')).toHaveLength(0);
    expect(await events(a)).toContain('escalationStopped');
    expect((await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } })).currentLevel).toBe(0);
  });

  it('an acknowledgement after the step is written but before its message is sent suppresses the message', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    const deps = a.runtime.deps;
    const now = minutes(10);
    const out = await deps.doubts.change(1, now, (d) => decideEscalationStep(d, 1, now));
    expect(out!.result.type).toBe('notify');
    await acknowledgeDoubt(deps, { actorId: 'w01', channel: 'slack' }, 1);
    expect(await notifyDoubtLevel(deps, out!.record, 1)).toBe(false);
    expect(cardsTo(world, 'c01')).toHaveLength(0);
    expect(await events(a)).toContain('messageSuppressed');
  });

  it('an instance that died after writing a step but before sending it: the step is reclaimed after the lease and sent once', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    const store = createTimerStore(a.db);
    const now = minutes(10);
    expect(await store.claimDue(now, 'dead', 5 * 60_000, 10)).toHaveLength(1);
    await a.runtime.deps.doubts.change(1, now, (d) => decideEscalationStep(d, 1, now));
    expect(cardsTo(world, 'c01')).toHaveLength(0);
    world.clock.set(minutes(14));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    world.clock.set(minutes(16));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    expect((await events(a)).filter((e) => e === 'levelStarted')).toHaveLength(2);
  });

  it('the watchdog reports a step late by more than the threshold, once, to the supervisor and the log', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await raise(a);
    expect(await a.runtime.checkStalledChains(minutes(12))).toHaveLength(0);
    const late = await a.runtime.checkStalledChains(new Date(minutes(12).getTime() + 1));
    expect(late).toEqual([expect.objectContaining({ kind: 'doubt.escalate', lateMinutes: 2 })]);
    expect(world.to('w01').filter((d) => d.view.key?.startsWith('watchdog:'))).toHaveLength(1);
    expect(textOf(world.to('w01').at(-1)!.view)).toContain('疑義 #1 の次の連絡');
    expect(a.logger.lines.filter((l) => l.level === 'warn' && l.message.includes('late'))).toHaveLength(1);
    expect(await a.runtime.checkStalledChains(minutes(20))).toHaveLength(0);
  });
});
