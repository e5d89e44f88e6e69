import { afterEach, describe, expect, it } from 'vitest';
import { overtimeReportLines } from '../../../src/application/overtime/overtime-of-day.ts';
import { buttonsOf, escalationWorld, textOf, type Instance, type World } from '../../support/escalation-world.ts';

let world: World;
afterEach(async () => world?.dispose());

/** 2026-03-27 in Tokyo at HH:MM. */
const tokyo = (hhmm: string) => new Date(`2026-03-27T${hhmm}:00+09:00`);
const card = (w: World, personId: string, id = 1) => w.to(personId).filter((d) => d.view.key === `overtime:${id}`);
const texts = (w: World, personId: string) => w.to(personId).map((d) => textOf(d.view));

async function request(a: Instance, until = '18:30', orders = '0001 0002') {
  await a.as('w01', { type: 'form', formId: 'overtime.request', state: '{}', values: { orders, reason: '不在の再訪問', until } });
}

async function start(): Promise<Instance> {
  world = await escalationWorld();
  world.clock.set(tokyo('17:00'));
  return world.instance('a');
}

describe('after-hours consent (spec 2(3))', () => {
  it('the supervisor asks, the bureau approves with one action, the supervisor and the workers are told', async () => {
    const a = await start();
    await request(a);
    expect(buttonsOf(card(world, 'c01')[0]!.view).map((b) => b.label)).toEqual(['承認', '却下']);
    expect(textOf(card(world, 'c01')[0]!.view)).toContain('20260327-0001 開栓 (片町)');
    expect(texts(world, 'w01').some((t) => t.includes('局 (想定 一郎、想定 二郎) に送りました'))).toBe(false);
    expect(texts(world, 'w01').some((t) => t.includes('局 (想定 一郎) に送りました'))).toBe(true);

    world.clock.set(tokyo('17:10'));
    await a.as('c01', { type: 'button', actionId: 'overtime.approve', value: '{"requestId":1}' });
    expect(await a.db.read.overtimeRequest.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ state: 'approved', decidedById: 'c01', decidedAt: tokyo('17:10') });
    expect(card(world, 'c01').at(-1)).toMatchObject({ op: 'update' });
    expect(buttonsOf(card(world, 'c01').at(-1)!.view)).toEqual([]);
    expect(texts(world, 'w01').some((t) => t.includes('想定 一郎 が承認しました'))).toBe(true);
    expect(world.to('w02').filter((d) => textOf(d.view).includes('18:30まで) は局が承認しました')).map((d) => d.platform)).toEqual(['teams']);
    expect(texts(world, 'w03').some((t) => t.includes('局が承認しました'))).toBe(true);

    await a.as('c02', { type: 'button', actionId: 'overtime.decline', value: '{"requestId":1}' });
    expect(texts(world, 'c02').at(-1)).toBe('了承依頼 #1 はすでに 想定 一郎 が承認しています。');
    expect(await overtimeReportLines(a.runtime.deps, '2026-03-27')).toEqual([
      '#1 20260327-0001、20260327-0002 (18:30まで) 依頼 架空 太郎 / 承認: 想定 一郎 17:10 / 理由: 不在の再訪問',
    ]);
  });

  it('flags a result recorded after hours without a consent covering it', async () => {
    const a = await start();
    const consentFor = a.runtime.consentFor;
    await request(a, '18:30', '0001');
    expect(await consentFor('20260327-0001', tokyo('18:10'))).toEqual({ afterHours: true, consentId: null });
    world.clock.set(tokyo('17:20'));
    await a.as('c01', { type: 'button', actionId: 'overtime.approve', value: '{"requestId":1}' });
    expect(await consentFor('20260327-0001', tokyo('16:00'))).toEqual({ afterHours: false });
    expect(await consentFor('20260327-0001', tokyo('18:10'))).toEqual({ afterHours: true, consentId: 1 });
    expect(await consentFor('20260327-0001', tokyo('18:30'))).toEqual({ afterHours: true, consentId: 1 });
    expect(await consentFor('20260327-0001', tokyo('18:31'))).toEqual({ afterHours: true, consentId: null });
    expect(await consentFor('20260327-0002', tokyo('18:10'))).toEqual({ afterHours: true, consentId: null });
    expect(await consentFor('20260327-0001', tokyo('07:30'))).toEqual({ afterHours: true, consentId: null });
  });

  it('a declined request gives no consent, and is recorded with its decision', async () => {
    const a = await start();
    await request(a);
    await a.as('c01', { type: 'button', actionId: 'overtime.decline', value: '{"requestId":1}' });
    expect(await a.runtime.consentFor('20260327-0001', tokyo('18:00'))).toEqual({ afterHours: true, consentId: null });
    expect(texts(world, 'w02').some((t) => t.includes('局が却下しました'))).toBe(true);
    const events = await a.db.read.caseEvent.findMany({ where: { caseType: 'overtime', caseId: 1 } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['requested', 'notified', 'declined']));
    expect(await a.db.read.auditLog.count({ where: { action: 'overtime.decline' } })).toBe(1);
  });

  it('a request declined after the business end tells the workers to stop now, not to finish by 17:45', async () => {
    const a = await start();
    await request(a);
    world.clock.set(tokyo('17:50'));
    await a.as('c01', { type: 'button', actionId: 'overtime.decline', value: '{"requestId":1}' });
    const told = texts(world, 'w02').filter((t) => t.includes('局が却下しました'));
    expect(told).toEqual(['時間外作業 (20260327-0001、20260327-0002) は局が却下しました。終業時刻 (17:45) を過ぎているため、作業を終えてください。終わっていない作業は次の作業日に繰り越されます。']);
  });

  it('reminds the bureau while unanswered, and tells the supervisor when the end time passed without an answer', async () => {
    const a = await start();
    await request(a, '17:50');
    const reminders = () => texts(world, 'c01').filter((t) => t.includes('への回答をお願いします'));
    world.clock.set(tokyo('17:14'));
    await a.runtime.tickTimers(world.clock.now());
    expect(reminders()).toHaveLength(0);
    world.clock.set(tokyo('17:15'));
    await a.runtime.tickTimers(world.clock.now());
    expect(reminders()).toHaveLength(1);
    world.clock.set(tokyo('17:30'));
    await a.runtime.tickTimers(world.clock.now());
    expect(reminders()).toHaveLength(2);
    world.clock.set(tokyo('17:50'));
    await a.runtime.tickTimers(world.clock.now());
    expect(reminders()).toHaveLength(2);
    expect(texts(world, 'w01').some((t) => t.includes('17:50 までに回答がありませんでした'))).toBe(true);
  });

  it('stops reminding the bureau after 3 reminders, tells the supervisor once, and again at the end time', async () => {
    world = await escalationWorld();
    world.clock.set(tokyo('12:00'));
    const a = await world.instance('a');
    await request(a, '19:00');
    const reminders = () => texts(world, 'c01').filter((t) => t.includes('への回答をお願いします'));
    const unanswered = () => texts(world, 'w01').filter((t) => t.includes('局から回答がありません'));
    // Every 5 minutes of the afternoon until the end time: the timers run when they are due, and only then.
    for (let m = 12 * 60 + 5; m <= 19 * 60 + 5; m += 5) {
      world.clock.set(tokyo(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`));
      await a.runtime.tickTimers(world.clock.now());
      if (m === 12 * 60 + 55) expect([reminders().length, unanswered().length]).toEqual([3, 0]);
      if (m === 13 * 60) expect([reminders().length, unanswered().length]).toEqual([3, 1]);
    }
    expect(reminders()).toHaveLength(3);
    expect(unanswered()).toEqual([
      '時間外作業の了承依頼 #1 (20260327-0001、20260327-0002、19:00まで) に局から回答がありません (3 回お知らせしました。これ以上のお知らせは局に送りません)。局に電話で確認してください。了承のない時間外作業は結果に印が付きます。',
    ]);
    expect(texts(world, 'w01').filter((t) => t.includes('19:00 までに回答がありませんでした'))).toHaveLength(1);
    expect(await a.db.read.durableTimer.count({ where: { kind: 'overtime.remind', state: 'pending' } })).toBe(0);
  });

  it('only the day\'s supervisor may ask and only the bureau may decide; bad input is refused in Japanese', async () => {
    const a = await start();
    await a.as('w03', { type: 'form', formId: 'overtime.request', state: '{}', values: { orders: '0002', reason: 'x', until: '18:00' } });
    expect(texts(world, 'w03').at(-1)).toBe('時間外作業の了承依頼は、その日の業務責任者が行います。');
    await request(a, '17:30');
    expect(texts(world, 'w01').at(-1)).toBe('終了予定時刻は 17:45 より後の HH:MM で書いてください (受け取った値: 17:30)。');
    await request(a, '18:30', '0001 0099');
    expect(texts(world, 'w01').at(-1)).toBe('見つからない作業番号があります: 0099');
    expect(await a.db.read.overtimeRequest.count()).toBe(0);
    await request(a);
    await a.as('w02', { type: 'button', actionId: 'overtime.approve', value: '{"requestId":1}' });
    expect(texts(world, 'w02').at(-1)).toBe('時間外作業の了承は局の担当者が行います。');
  });
});
