import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, escalationWorld, minutes, textOf, type World } from '../../support/escalation-world.ts';

let world: World;
afterEach(async () => world?.dispose());

const card = (w: World, personId: string) => w.to(personId).filter((d) => d.view.key === 'incident:1');
const texts = (w: World, personId: string) => w.to(personId).map((d) => textOf(d.view));
const value = '{"incidentId":1}';
const reminders = (w: World, personId: string) => texts(w, personId).filter((t) => t.includes('受領がまだです'));

describe('incidents (事故等)', () => {
  it('notifies every level of the chart at once and keeps who was notified when', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '事故 作業車がブロック塀に接触しました' });
    expect(card(world, 'w01')).toHaveLength(1);
    expect(card(world, 'c01')).toHaveLength(1);
    expect(texts(world, 'w02').some((t) => t.includes('2名 に一斉に通知しました'))).toBe(true);
    const acks = await a.db.read.incidentAck.findMany({ where: { incidentId: 1 }, orderBy: { id: 'asc' } });
    expect(acks.map((r) => [r.personId, r.notifiedAt, r.acknowledgedAt])).toEqual([
      ['w01', minutes(0), null],
      ['c01', minutes(0), null],
    ]);
    expect(buttonsOf(card(world, 'c01')[0]!.view).map((b) => b.label)).toEqual(['受領', '対応完了']);
  });

  it('records each acknowledgement with its time, shows it on every card in place, reminds only those missing', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '事故 お客さまの植木鉢を割りました' });
    world.clock.set(minutes(2));
    await a.as('w01', { type: 'button', actionId: 'incident.ack', value });
    const ack = await a.db.read.incidentAck.findFirstOrThrow({ where: { incidentId: 1, personId: 'w01' } });
    expect(ack.acknowledgedAt).toEqual(minutes(2));
    for (const person of ['w01', 'c01', 'w02']) {
      const cards = card(world, person);
      expect(cards.at(-1)!.op).toBe('update');
      expect(new Set(cards.map((d) => d.ref)).size).toBe(1);
      expect(textOf(cards.at(-1)!.view)).toContain('架空 太郎: 受領 10:02');
      expect(textOf(cards.at(-1)!.view)).toContain('想定 一郎: 未受領');
    }
    expect(buttonsOf(card(world, 'w01').at(-1)!.view).map((b) => b.label)).toEqual(['対応完了']);

    world.clock.set(minutes(10));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(reminders(world, 'c01')).toHaveLength(1);
    expect(reminders(world, 'w01')).toHaveLength(0);

    world.clock.set(minutes(15));
    await a.as('c01', { type: 'button', actionId: 'incident.ack', value });
    world.clock.set(minutes(60));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    expect(reminders(world, 'c01')).toHaveLength(1);
    await a.as('c01', { type: 'button', actionId: 'incident.ack', value });
    expect(texts(world, 'c01').at(-1)).toBe('事故等 #1 は受領済みです (10:15)。');
  });

  it('a form report keeps place and third-party damage; resolution is recorded and the reporter told', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w03', {
      type: 'form',
      formId: 'incident.report',
      state: '{}',
      values: { what: '散水栓から漏水させました', where: '片町の交差点付近', order: '0002', damage: 'yes' },
    });
    const incident = await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect(incident).toMatchObject({ place: '片町の交差点付近', thirdPartyDamage: true, reportedById: 'w03' });
    expect(textOf(card(world, 'c01')[0]!.view)).toContain('第三者への損害: あり');

    await a.as('w03', { type: 'form', formId: 'incident.resolve', state: value, values: { resolution: 'x' } });
    expect(texts(world, 'w03').at(-1)).toContain('対応完了にできるのは');
    world.clock.set(minutes(30));
    await a.as('w01', { type: 'form', formId: 'incident.resolve', state: value, values: { resolution: 'お客さまに謝罪し、修理を手配しました' } });
    expect(await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ state: 'resolved', resolvedById: 'w01', resolvedAt: minutes(30) });
    expect(texts(world, 'w03').some((t) => t.includes('架空 太郎 が対応完了にしました'))).toBe(true);
    expect(buttonsOf(card(world, 'c01').at(-1)!.view)).toEqual([]);
    world.clock.set(minutes(90));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
  });

  it('only a notified person can acknowledge', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '事故 転倒して手を切りました' });
    await a.as('w03', { type: 'button', actionId: 'incident.ack', value });
    expect(texts(world, 'w03').at(-1)).toBe('事故等 #1 の受領は、通知を受けた人だけができます。');
  });

  it('「事故」 alone opens the report form', async () => {
    world = await escalationWorld();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '事故' });
    expect(world.forms.at(-1)).toMatchObject({ to: 'TW02', form: { formId: 'incident.report' } });
  });
});
