import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, CUSTOMER_NAME, CUSTOMER_PHONE, escalationWorld, minutes, textOf, type World } from '../../support/escalation-world.ts';

let world: World;
afterEach(async () => world?.dispose());

const card = (w: World, personId: string) => w.to(personId).filter((d) => d.view.key === 'doubt:1');
const texts = (w: World, personId: string) => w.to(personId).map((d) => textOf(d.view));
const value = '{"doubtId":1}';

describe('doubt actions', () => {
  it('raised from the 疑義 button form: the chain is copied onto the doubt and the card has the four actions', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'form', formId: 'doubt.raise', state: '{"orderNo":"20260327-0001"}', values: { text: '止水栓が2つあります' } });
    const doubt = await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 }, include: { workOrder: true } });
    expect(doubt.workOrder?.orderNo).toBe('20260327-0001');
    expect(JSON.parse(doubt.chainSnapshot)).toMatchObject({
      steps: [
        { level: 0, recipients: ['w01'], ackTimeoutMinutes: 10 },
        { level: 1, recipients: ['c01'], ackTimeoutMinutes: 15 },
      ],
      bureauContactId: 'c01',
    });
    expect(buttonsOf(card(world, 'w01')[0]!.view).map((b) => b.label)).toEqual(['受領', '指示して回答', '局へ相談', '解決']);
    expect(buttonsOf(card(world, 'w02')[0]!.view)).toEqual([]);
    const timer = await a.db.read.durableTimer.findFirstOrThrow({ where: { dedupeKey: 'doubt:1:level:1' } });
    expect(timer).toMatchObject({ kind: 'doubt.escalate', dueAt: minutes(10), state: 'pending' });
  });

  it('taken to the bureau: the bureau contact gets the card; the answer reaches the supervisor and the worker on their platforms', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0001 メーター番号が違います' });
    await a.as('w01', { type: 'button', actionId: 'doubt.ack', value });
    world.clock.set(minutes(4));
    await a.as('w01', { type: 'button', actionId: 'doubt.bureau', value });
    expect(card(world, 'c01')).toHaveLength(1);
    expect(buttonsOf(card(world, 'c01')[0]!.view).map((b) => b.label)).toEqual(['受領', '指示して回答', '解決']);
    expect(texts(world, 'w02').some((t) => t.includes('想定 一郎 (局) に相談中'))).toBe(true);

    world.clock.set(minutes(6));
    await a.as('c01', { type: 'button', actionId: 'doubt.ack', value });
    expect((await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } })).bureauAcknowledgedAt).toEqual(minutes(6));
    await a.as('c01', { type: 'form', formId: 'doubt.answer', state: value, values: { instruction: '検満の交換です。そのまま作業してください' } });

    const worker = world.to('w02').filter((d) => textOf(d.view).includes('検満の交換です'));
    expect(worker.length).toBeGreaterThan(0);
    expect(worker.every((d) => d.platform === 'teams')).toBe(true);
    const supervisor = world.to('w01').filter((d) => textOf(d.view).includes('局 (想定 一郎) から回答'));
    expect(supervisor.map((d) => d.platform)).toEqual(['slack']);

    const doubt = await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } });
    expect(doubt).toMatchObject({ state: 'answered', answeredById: 'c01', bureauContactId: 'c01' });
    const actions = (await a.db.read.caseEvent.findMany({ where: { caseType: 'doubt', caseId: 1 }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['raised', 'acknowledged', 'referredToBureau', 'bureauAcknowledged', 'answered']));
  });

  it('every state change updates each card in place, on every platform (same ref, no new post)', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0001 バルブが固い' });
    await a.as('w01', { type: 'button', actionId: 'doubt.ack', value });
    await a.as('w01', { type: 'form', formId: 'doubt.answer', state: value, values: { instruction: '無理に回さず戻ってください' } });
    await a.as('w01', { type: 'button', actionId: 'doubt.resolve', value });
    for (const [person, platform] of [['w01', 'slack'], ['w02', 'teams']] as const) {
      const cards = card(world, person);
      expect(cards.length).toBeGreaterThanOrEqual(4);
      expect(cards.filter((d) => d.op === 'post')).toHaveLength(1);
      expect(new Set(cards.map((d) => d.ref)).size).toBe(1);
      expect(cards.every((d) => d.platform === platform)).toBe(true);
      expect(textOf(cards.at(-1)!.view)).toContain('疑義 #1 (解決)');
    }
    expect(buttonsOf(card(world, 'w01').at(-1)!.view)).toEqual([]);
    const timers = await a.db.read.durableTimer.findMany({ where: { dedupeKey: { startsWith: 'doubt:1:' } } });
    expect(timers.every((t) => t.state !== 'pending')).toBe(true);
  });

  it('refuses anyone who is not the day\'s supervisor, in the chain or the bureau contact, in Japanese', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0001 メーターがない' });
    for (const who of ['w03', 'w02']) {
      await a.as(who, { type: 'button', actionId: 'doubt.ack', value });
      expect(texts(world, who).at(-1)).toBe('疑義 #1 を操作できるのは、その日の業務責任者と連絡系統図の連絡先、局の担当者だけです。');
    }
    await a.as('w03', { type: 'form', formId: 'doubt.answer', state: value, values: { instruction: 'x' } });
    expect(texts(world, 'w03').at(-1)).toContain('操作できるのは');
    expect((await a.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } })).state).toBe('open');
    expect(a.logger.lines.some((l) => l.message === 'doubt action refused')).toBe(true);
  });

  it('cards show the order by number, kind and town; the address only to the assignee; never customer data', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0001 表札が違う' });
    world.clock.set(minutes(10));
    await a.runtime.tickTimers(world.clock.now());
    expect(textOf(card(world, 'w01')[0]!.view)).toContain('場所: 片町');
    expect(textOf(card(world, 'w01')[0]!.view)).toContain('20260327-0001 開栓');
    expect(textOf(card(world, 'c01')[0]!.view)).not.toContain('金沢市片町0001番地');
    expect(textOf(card(world, 'w02')[0]!.view)).toContain('場所: 金沢市片町0001番地');
    const everything = JSON.stringify(world.deliveries);
    for (const secret of [CUSTOMER_NAME, CUSTOMER_PHONE, '9900012345']) expect(everything).not.toContain(secret);
  });

  it('photos sent later with 「疑義 #1」 are kept with the doubt and counted on the cards', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0001 メーターボックスが割れています' });
    await a.as('w02', { type: 'text', text: '疑義 #1', files: [{ ref: 'F1', name: 'a.jpg', mimeType: 'image/jpeg' }, { ref: 'F2' }] });
    expect(await a.db.read.attachment.count({ where: { doubtId: 1 } })).toBe(2);
    expect(textOf(card(world, 'w01').at(-1)!.view)).toContain('写真: 2枚');
    expect(card(world, 'w01').at(-1)!.op).toBe('update');
  });

  it('an unknown order reference is refused with a clear message and nothing is raised', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '疑義 0099 これは何ですか' });
    expect(texts(world, 'w02').at(-1)).toContain('作業番号「0099」の作業が見つかりません');
    expect(await a.db.read.doubt.count()).toBe(0);
  });

  it('an acknowledged doubt nobody answers is reminded to its holder', async () => {
    world = await escalationWorld();
    const a = await world.instance('a', undefined, { doubtRemindMinutes: 30 });
    await a.as('w02', { type: 'text', text: '疑義 0001 鍵がかかっている' });
    await a.as('w01', { type: 'button', actionId: 'doubt.ack', value });
    world.clock.set(minutes(29));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    world.clock.set(minutes(30));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(texts(world, 'w01').filter((t) => t.includes('まだ回答・解決されていません'))).toHaveLength(1);
    await a.as('w01', { type: 'button', actionId: 'doubt.resolve', value });
    world.clock.set(minutes(120));
    await a.runtime.tickTimers(world.clock.now());
    expect(texts(world, 'w01').filter((t) => t.includes('まだ回答・解決されていません'))).toHaveLength(1);
  });
});
