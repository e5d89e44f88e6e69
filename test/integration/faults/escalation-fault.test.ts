import { afterEach, describe, expect, it } from 'vitest';
import { ChatDeliveryError, type PlatformAdapter } from '../../../src/application/chat/ports.ts';
import { escalationWorld, minutes, textOf, type World } from '../../support/escalation-world.ts';

let world: World | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

/** Makes a platform of the world fail (as the adapter does once its own retries are spent) while `down` is true. */
function breakable(platform: PlatformAdapter): { down: boolean; refused: number } {
  const fault = { down: false, refused: 0 };
  const post = platform.post.bind(platform);
  (platform as { post: PlatformAdapter['post'] }).post = async (target, view, ref) => {
    if (!fault.down) return post(target, view, ref);
    fault.refused++;
    throw new ChatDeliveryError(platform.platform, 'slack: 503 service_unavailable after 4 attempts', true);
  };
  return fault;
}

const cardsTo = (w: World, personId: string) => w.to(personId).filter((d) => d.view.key === 'doubt:1');

describe('a doubt escalation step that meets a failing chat platform', () => {
  it('is kept by the outbox and reaches the next level once the platform is back, once', async () => {
    world = await escalationWorld();
    const slack = breakable(world.platforms.find((p) => p.platform === 'slack')!);
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0001 メーターが見当たりません' });
    expect(cardsTo(world, 'w01')).toHaveLength(1);

    slack.down = true; // c01 (level 1) is on Slack
    world.clock.set(minutes(10));
    await a.bot.tick(world.clock.now()); // durable timers and the outbox, as the running bot ticks them
    expect(slack.refused).toBeGreaterThan(0);
    expect(cardsTo(world, 'c01')).toHaveLength(0);

    slack.down = false;
    world.clock.set(minutes(11)); // the timer's first retry is 30 s after the failure
    await a.bot.tick(world.clock.now()); // durable timers and the outbox, as the running bot ticks them
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    expect(cardsTo(world, 'c01')[0]!.op).toBe('post');
    const told = world.to('w02').filter((d) => textOf(d.view).includes('想定 一郎 に回しました'));
    expect(told.map((d) => d.op)).toEqual(['post']); // the worker learns who has the doubt now, once
    world.clock.set(minutes(14));
    await a.bot.tick(world.clock.now()); // durable timers and the outbox, as the running bot ticks them
    expect(cardsTo(world, 'c01')).toHaveLength(1);
    const doubt = await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } });
    expect(doubt).toMatchObject({ currentLevel: 1, state: 'open' });
    const actions = (await a.db.read.caseEvent.findMany({ where: { caseType: 'doubt', caseId: 1 }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions.filter((x) => x === 'levelStarted')).toHaveLength(2); // level 0 at the raise, level 1 once
    expect(actions.filter((x) => x === 'notified')).toHaveLength(2); // level 0, then level 1 (its card kept by the outbox)
    // The refused attempt is the outbox's: the card to c01 was tried while Slack was down, then sent once it was back.
    const toC01 = await a.db.read.delivery.findMany({ where: { recipient: { contains: 'UC01' }, logicalKey: { contains: 'doubt:1' } } });
    expect(toC01.map((d) => [d.state, d.attempts > 1])).toEqual([['sent', true]]);
  });
});
