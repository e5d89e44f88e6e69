import { afterEach, describe, expect, it } from 'vitest';
import { buildDailyReport } from '../../../src/application/reports/build-daily-report.ts';
import { buildMonthlyReport } from '../../../src/application/reports/build-monthly-report.ts';
import { dailyReportDepsOf } from '../../../src/assembly/services/day-end.ts';
import { TEST_CONTRACTOR } from '../../support/contractor.ts';
import { csvRows, monthlyReportDeps } from '../../support/monthly-report-deps.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { buttonsOf, escalationWorld, minutes, textOf, type World } from '../../support/escalation-world.ts';

/**
 * 作業用端末の破損・紛失 (spec 6(3)) typed in chat, through the bot as `kaiheisen start` assembles it on a real SQLite
 * file: the bureau channel and the bureau's contacts are told at once, with the supervisor, before any timeout.
 */
let world: World;
afterEach(async () => world?.dispose());

const BUREAU_CHANNEL = 'CBUREAU';
const value = '{"incidentId":1}';
const texts = (w: World, personId: string) => w.to(personId).map((d) => textOf(d.view));
const channel = (w: World) => w.deliveries.filter((d) => d.to === `#${BUREAU_CHANNEL}`).map((d) => textOf(d.view));
const reminders = (w: World, personId: string) => texts(w, personId).filter((t) => t.includes('受領がまだです'));

/** The bureau channel on Slack, and a second bureau contact. */
async function withBureauChannel(): Promise<World> {
  const w = await escalationWorld();
  await w.temp.db.write(async (tx) => {
    await tx.chatConversation.create({ data: { platform: 'slack', key: 'channel:bureau', address: BUREAU_CHANNEL } });
    // c02 (bureau) is on the doubt chart only: a bureau contact all the same.
    await tx.contactChartLevel.create({ data: { chart: 'doubt', position: 2, target: 'person', personId: 'c02', ackTimeoutMinutes: 15 } });
  });
  return w;
}

describe('a damaged or lost work terminal (端末 破損 / 端末 紛失)', () => {
  it('「端末 紛失」 reaches the bureau channel, the bureau contacts and the supervisor at once, with its own wording', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: 'モバイル端末 紛失 ロック済' });

    expect(channel(world)).toHaveLength(1);
    expect(channel(world)[0]).toContain('【作業用端末の紛失】#1');
    expect(channel(world)[0]).toContain('端末: モバイル端末');
    expect(channel(world)[0]).toContain('報告者: 仮野 次郎');
    expect(channel(world)[0]).toContain('画面ロック: ロックあり');
    expect(channel(world)[0]).toContain('第23条');
    for (const person of ['w01', 'c01', 'c02']) {
      const card = world.to(person).filter((d) => d.view.key === 'incident:1');
      expect(card, person).toHaveLength(1);
      expect(textOf(card[0]!.view)).toContain('作業用端末の紛失 #1');
      expect(buttonsOf(card[0]!.view).map((b) => b.label)).toEqual(['受領', '対応完了']);
    }
    const acks = await a.db.read.incidentAck.findMany({ where: { incidentId: 1 }, orderBy: { personId: 'asc' } });
    expect(acks.map((r) => [r.personId, r.notifiedAt])).toEqual([['c01', minutes(0)], ['c02', minutes(0)], ['w01', minutes(0)]]);
    expect(await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ kind: 'terminalLost', terminal: 'mobile', locked: true, customerData: null });
    expect(texts(world, 'w01').some((t) => t.includes('kaiheisen report privacy-incident --incident 1'))).toBe(true);
    const answer = texts(world, 'w02').at(-1)!;
    expect(answer).toContain('作業用端末の紛失を #1 として局と連絡系統図の 3名 に直ちに通知しました');
    expect(answer).toContain('お客さま情報が入っていたか');
    expect(answer).not.toContain('どの端末か');
    const audit = await a.db.read.auditLog.findMany({ where: { action: 'incident.terminalReport' } });
    expect(audit).toHaveLength(1);
  });

  it('acknowledgements stop the reminders; those who have not acknowledged are reminded', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w03', { type: 'text', text: '端末を落として画面が割れた' });
    expect(await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ kind: 'terminalDamaged', terminal: null });
    expect(channel(world)[0]).toContain('【作業用端末の破損】#1');
    expect(channel(world)[0]).not.toContain('第23条');
    expect(texts(world, 'w01').some((t) => t.includes('privacy-incident'))).toBe(false);
    await a.as('w01', { type: 'button', actionId: 'incident.ack', value });
    await a.as('c01', { type: 'button', actionId: 'incident.ack', value });
    world.clock.set(minutes(10));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(1);
    expect(reminders(world, 'c02')).toHaveLength(1);
    expect(reminders(world, 'c01')).toHaveLength(0);
    await a.as('c02', { type: 'button', actionId: 'incident.ack', value });
    world.clock.set(minutes(60));
    expect(await a.runtime.tickTimers(world.clock.now())).toBe(0);
    expect(reminders(world, 'c02')).toHaveLength(1);
  });

  it('a result written with it is not recorded from that message, and the worker is told', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '0001 開栓完了 指針1187 端末の画面が割れた' });
    expect(await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ kind: 'terminalDamaged' });
    expect(await a.db.read.taskResult.count()).toBe(0);
    expect(texts(world, 'w02').at(-1)).toContain('一緒に書かれた作業の結果は記録していません');
  });

  it('a negation is no report: 「端末は壊れていない」 opens nothing', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '端末は壊れていない' });
    expect(await a.db.read.incident.count()).toBe(0);
    expect(channel(world)).toHaveLength(0);
  });

  it.each(['端末が壊れたわけではない', '端末 破損じゃない', '端末は無事', '端末は壊れてません', '端末 紛失していません', 'スマホはなくしてない', '端末 破損なし'])(
    'the negation 「%s」 records nothing and tells nobody',
    async (text) => {
      world = await withBureauChannel();
      const a = await world.instance('a');
      const before = world.deliveries.length;
      await a.as('w02', { type: 'text', text });
      expect(await a.db.read.incident.count()).toBe(0);
      expect(world.deliveries.slice(before).filter((d) => d.to !== 'TW02')).toEqual([]);
      expect(await a.db.read.auditLog.count({ where: { action: 'incident.terminalReport' } })).toBe(0);
    },
  );

  it('「スマホを落とした」 reaches the bureau at minute 0 as a lost mobile terminal', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w03', { type: 'text', text: 'スマホを落とした' });
    expect(await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ kind: 'terminalLost', terminal: 'mobile' });
    expect(channel(world)).toHaveLength(1);
    expect(channel(world)[0]).toContain('【作業用端末の紛失】#1');
    expect(channel(world)[0]).toContain('端末: モバイル端末');
    const acks = await a.db.read.incidentAck.findMany({ where: { incidentId: 1 }, orderBy: { personId: 'asc' } });
    expect(acks.map((r) => [r.personId, r.notifiedAt])).toEqual([['c01', minutes(0)], ['c02', minutes(0)], ['w01', minutes(0)]]);
  });

  it('「携帯端末を紛失しました」 records the mobile terminal', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w02', { type: 'text', text: '携帯端末を紛失しました' });
    expect(await a.db.read.incident.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ kind: 'terminalLost', terminal: 'mobile' });
    expect(channel(world)[0]).toContain('端末: モバイル端末');
  });

  it('a bureau contact typing 「端末 紛失」 is told who reports it, and nothing is stored or sent', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    const before = world.deliveries.length;
    await a.as('c01', { type: 'text', text: '端末 紛失' });
    expect(await a.db.read.incident.count()).toBe(0);
    expect(await a.db.read.auditLog.count({ where: { action: 'incident.terminalReport' } })).toBe(0);
    expect(channel(world)).toHaveLength(0);
    const sent = world.deliveries.slice(before);
    expect(sent.map((d) => d.to)).toEqual(['UC01']);
    expect(textOf(sent[0]!.view)).toContain('受注者の作業員・業務責任者がチャットで報告します');
  });

  it('the daily and monthly reports and the CSV label terminal cases and count them apart from accidents', async () => {
    world = await withBureauChannel();
    const a = await world.instance('a');
    await a.as('w03', { type: 'text', text: 'スマホを落とした' });
    await a.as('w02', { type: 'text', text: '料金端末が故障しました' });
    await a.as('w02', { type: 'text', text: '事故 車両の軽い接触' });
    expect((await a.db.read.incident.findMany({ orderBy: { id: 'asc' } })).map((i) => i.kind)).toEqual(['terminalLost', 'terminalDamaged', 'accident']);

    const monthly = await buildMonthlyReport(monthlyReportDeps(world.temp.db, '2026-04-01T00:30:00Z', TEST_CONTRACTOR), { month: '2026-03' });
    expect(monthly.view.figures.incidents).toMatchObject({ count: 3, terminal: 2 });
    const text = (await pdfText(monthly.pdf)).replace(/\s+/g, '');
    expect(text).toContain('【作業用端末紛失(モバイル端末)】スマホを落とした');
    expect(text).toContain('【作業用端末破損(料金システム端末)】料金端末が故障しました');
    expect(text).toContain('件数3件(うち作業用端末の破損・紛失2件、未完了3件)');
    expect(text).toContain('うち作業用端末の破損・紛失');
    const lines = csvRows(monthly.csv);
    expect(lines).toContainEqual(['件数', '事故等', '3']);
    expect(lines).toContainEqual(['件数', 'うち作業用端末の破損', '1']);
    expect(lines).toContainEqual(['件数', 'うち作業用端末の紛失', '1']);

    const daily = await buildDailyReport(dailyReportDepsOf(a.ctx), { date: '2026-03-27', actor: { actorId: null, channel: 'cli' }, source: 'cli' });
    const incidents = daily.view.incidents.map((i) => i.text);
    expect(incidents).toEqual(['【作業用端末 紛失 (モバイル端末)】スマホを落とした', '【作業用端末 破損 (料金システム端末)】料金端末が故障しました', expect.not.stringContaining('【')]);
  });
});
