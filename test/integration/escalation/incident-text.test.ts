import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleSession } from '../../../src/adapters/console/console-session.ts';
import type { BotTestContext } from '../../support/bot-context.ts';
import { exampleConsoleBot, type ExampleConsoleBot } from '../../support/example-console-bot.ts';

const DATE = '2026-03-27';
let t: BotTestContext;
let session: ConsoleSession;
let running: ExampleConsoleBot;

beforeEach(async () => {
  running = await exampleConsoleBot(DATE, '10:00');
  ({ t, session } = running);
});

afterEach(async () => running.stop());

/** w02's first 開栓 of the day: its full number and the last four digits a worker types. */
async function ordersOfW02(): Promise<{ orderNo: string; ref: string }> {
  const first = await t.ctx.db.read.assignment.findFirstOrThrow({
    where: { personId: 'w02', date: DATE, workOrder: { kind: 'open' } },
    orderBy: { visitOrder: 'asc' },
    include: { workOrder: true },
  });
  const orderNo = first.workOrder.orderNo;
  return { orderNo, ref: orderNo.slice(-4) };
}

/** The incidents stored, each with the number of the order it is linked to (null: none). */
async function incidents() {
  const rows = await t.ctx.db.read.incident.findMany({ orderBy: { id: 'asc' } });
  const orders = await t.ctx.db.read.workOrder.findMany({ where: { id: { in: rows.flatMap((r) => (r.workOrderId === null ? [] : [r.workOrderId])) } } });
  return rows.map((r) => ({ ...r, orderNo: orders.find((o) => o.id === r.workOrderId)?.orderNo ?? null }));
}
const incidentCards = (ref: string) => session.inbox(ref).filter((m) => m.view.key?.startsWith('incident:'));

describe('事故 typed as text, through the assembled console bot', () => {
  it('「事故 0032 …」 raises one incident linked to the order; the chart (supervisor, bureau) is notified', async () => {
    const { orderNo, ref } = await ordersOfW02();
    const answer = await session.as('w02').say(`事故 ${ref} メーターボックスの蓋を割ってしまいました`);
    const rows = await incidents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reportedById: 'w02', orderNo, description: 'メーターボックスの蓋を割ってしまいました', state: 'open' });
    expect(incidentCards('w01')).toHaveLength(1);
    expect(incidentCards('c01')).toHaveLength(1);
    expect(answer.map((d) => d.output).join('\n')).toContain('2名 に一斉に通知しました');
    expect(answer.map((d) => d.output).join('\n')).not.toContain('どの作業の結果か分からない');
    expect(await t.ctx.db.read.taskResult.count()).toBe(0);
  });

  it('「0032 事故 …」 raises one incident linked to the order, not a result memo', async () => {
    const { orderNo, ref } = await ordersOfW02();
    await session.as('w02').say(`${ref} 事故 メーターボックスの蓋を割ってしまいました`);
    const rows = await incidents();
    expect(rows.map((r) => [r.orderNo, r.description])).toEqual([[orderNo, 'メーターボックスの蓋を割ってしまいました']]);
    expect(incidentCards('w01')).toHaveLength(1);
    expect(incidentCards('c01')).toHaveLength(1);
    expect(await t.ctx.db.read.pendingReply.count()).toBe(0);
  });

  it('「事故 配管から漏水、床が濡れた」 and 事故 in the middle raise one incident each, without an order', async () => {
    await session.as('w02').say('事故 配管から漏水、床が濡れた');
    await session.as('w03').say('作業中に事故がありました。漏水しています');
    const rows = await incidents();
    expect(rows.map((r) => [r.reportedById, r.orderNo, r.description])).toEqual([
      ['w02', null, '配管から漏水、床が濡れた'],
      ['w03', null, '作業中に事故がありました。漏水しています'],
    ]);
    expect(incidentCards('w01')).toHaveLength(2);
    expect(incidentCards('c01')).toHaveLength(2);
  });

  it('an order number nobody has does not stop the report: the incident is raised unlinked, the number kept', async () => {
    await session.as('w02').say('事故 9999 蓋を割りました');
    const rows = await incidents();
    expect(rows.map((r) => [r.orderNo, r.description])).toEqual([[null, '9999 蓋を割りました']]);
    expect(incidentCards('c01')).toHaveLength(1);
  });

  it('an incident written while a result conversation waits for an answer is raised, not taken as the answer', async () => {
    const { ref } = await ordersOfW02();
    await session.as('w02').say(`${ref} 開栓完了`);
    expect(await t.ctx.db.read.pendingReply.count()).toBe(1);
    await session.say('事故 配管から漏水、床が濡れた');
    expect(await incidents()).toHaveLength(1);
    expect(incidentCards('c01')).toHaveLength(1);
  });

  it('「事故なし」 and 「事故はありません」 raise none', async () => {
    await session.as('w02').say('事故なし');
    await session.say('事故はありません');
    expect(await incidents()).toHaveLength(0);
    expect(incidentCards('w01')).toHaveLength(0);
    expect(incidentCards('c01')).toHaveLength(0);
  });

  it('a result written with 事故 in one message raises the incident and tells the worker the result was not recorded', async () => {
    const { ref } = await ordersOfW02();
    const answer = await session.as('w02').say(`${ref} 開栓完了 指針1187 メモ 事故あり`);
    const said = answer.map((d) => d.output).join('\n');
    expect(await incidents()).toHaveLength(1);
    expect(said).toContain('一緒に書かれた作業の結果は記録していません');
    expect(await t.ctx.db.read.taskResult.count()).toBe(0);
    // An incident alone says nothing about results.
    await session.say('事故 配管から漏水、床が濡れた');
    expect(session.inbox('w02').at(-1)?.text).not.toContain('結果は記録していません');
  });
});
