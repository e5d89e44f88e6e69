import { afterEach, describe, expect, it } from 'vitest';
import { DATE, SlackWorld } from './support/slack-world.ts';

/**
 * Issue 9, item 3, on the assembled bot (startConfiguredBot: Slack over HTTP + Teams + the complaint webhook, Slack's
 * Web API on a loopback stand-in): an answer applies only to the question that was open when it was written, and an
 * event replayed after a crash changes nothing again. The two crashes of interest are simulated exactly: the event's
 * effects were committed and the process died before marking it done, after its messages went out (`unfinish`) or
 * before any of them did (`unfinish` + `unsend`).
 */
let w: SlackWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

interface Order {
  orderNo: string;
  serial: string;
  personId: string;
  slack: string;
  previousReading: number;
}

/** An open order (no meter work) the example assignment gave a worker other than the supervisor w01. */
async function openOrder(world: SlackWorld): Promise<Order> {
  const row = await world.db.read.assignment.findFirstOrThrow({
    where: { date: DATE, personId: { not: 'w01' }, workOrder: { kind: 'open', meterWork: null, previousReading: { not: null } } },
    include: { workOrder: true },
    orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }],
  });
  const identity = await world.db.read.chatIdentity.findFirstOrThrow({ where: { personId: row.personId, platform: 'slack' } });
  const o = row.workOrder;
  return { orderNo: o.orderNo, serial: o.orderNo.slice(-4), personId: row.personId, slack: identity.externalId, previousReading: o.previousReading! };
}

const conversation = (world: SlackWorld, personId: string) =>
  world.db.read.pendingReply.findUnique({ where: { personId }, select: { step: true, draft: true, sourceEventId: true, askedAfterEventId: true, said: true, expiresAt: true } });

const eventIdOf = async (world: SlackWorld, eventKey: string) =>
  (await world.db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: { platform: 'slack', eventKey } } })).id;

const texts = (world: SlackWorld, slack: string) => world.dm(slack).map((m) => m.text);

const PRESENT = 'お客さまは在宅でしたか？';
const PILOT = 'パイロットは止まっていますか？';

/** The result and everything recorded with it, and the conversation row: what a replay must leave as it is. */
async function records(world: SlackWorld, o: Order) {
  return {
    results: await world.db.read.taskResult.findMany({ omit: { updatedAt: true } }),
    audit: await world.db.read.auditLog.count({ where: { action: { startsWith: 'result.' } } }),
    status: (await world.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: o.orderNo } })).status,
    conversation: await conversation(world, o.personId),
  };
}

describe('an answer applies only to the question that was open when it was written', () => {
  it('a はい stored before the reading was echoed does not confirm it: the worker is told and asked again; the next はい applies', async () => {
    w = await SlackWorld.start();
    const o = await openOrder(w);
    const reading = o.previousReading; // the same as before: no その旨 statement asked
    // Both are received (acknowledged) before the bot works on the first: the はい was written before the question
    // 「指針 … で間違いありませんか？」 existed.
    const first = await w.storeOnly(o.slack, `${o.serial} 開栓完了 指針${reading} 散水栓なし`);
    const early = await w.storeOnly(o.slack, 'はい');
    await w.restart();

    const dm = texts(w, o.slack);
    expect(dm).toHaveLength(2);
    expect(dm[0]).toContain(`指針 ${reading} で間違いありませんか？`);
    expect(dm[1]).toMatch(/^先ほどのご返信は、この質問をお送りする前に書かれたため、この質問への答えとしては使っていません。改めてお答えください。\n/);
    expect(dm[1]).toContain(`指針 ${reading} で間違いありませんか？`);
    expect(await conversation(w, o.personId)).toMatchObject({ step: 'confirm', sourceEventId: first, askedAfterEventId: early });
    expect(await w.db.read.inboundEvent.count({ where: { state: 'done' } })).toBe(2);

    // Written after the question: applies.
    await w.sayAndSettle(o.slack, 'はい');
    expect(w.lastDm(o.slack)).toContain(PRESENT);
    await w.sayAndSettle(o.slack, 'いいえ');
    expect(w.lastDm(o.slack)).toContain(PILOT);
    await w.sayAndSettle(o.slack, '止まった');
    const row = await w.db.read.taskResult.findFirstOrThrow({ where: { workOrder: { orderNo: o.orderNo } } });
    expect(row).toMatchObject({ reading, readingConfirmed: true, customerPresent: false, outdoorTap: 'none', pilotStillTurning: false, outcome: 'absent' });
  });

  it('an answer written while the same question was asked again still applies to it', async () => {
    w = await SlackWorld.start();
    const o = await openOrder(w);
    await w.sayAndSettle(o.slack, `${o.serial} 開栓完了 指針${o.previousReading} 散水栓なし`);
    await w.sayAndSettle(o.slack, 'はい');
    const asked = await conversation(w, o.personId);
    // A photo sent alone is kept with the conversation and 在宅 is asked again, unchanged; 「不在」 was written
    // before that repeat arrived, but after the question was first asked: it answers it.
    const photo = await w.storeOnly(o.slack, '', [{ ref: 'F0PHOTO01', name: 'meter.jpg', mimeType: 'image/jpeg' }]);
    await w.storeOnly(o.slack, '不在');
    await w.settle();
    expect(texts(w, o.slack).slice(-2)).toEqual([expect.stringMatching(/^写真を 1 枚受け取りました[^]*お客さまは在宅でしたか？/), expect.stringContaining(PILOT)]);
    expect(await conversation(w, o.personId)).toMatchObject({ step: 'ask:pilotStillTurning.missing' });
    expect((await conversation(w, o.personId))!.askedAfterEventId).toBeGreaterThan(photo);
    expect(asked!.askedAfterEventId).toBeLessThan(photo);
  });
});

describe('an event replayed after a crash is applied once', () => {
  it('the はい that asked 在宅, replayed after its answer went out, answers nothing and sends nothing again (the reported bug)', async () => {
    w = await SlackWorld.start();
    const o = await openOrder(w);
    await w.sayAndSettle(o.slack, `${o.serial} 開栓完了 指針${o.previousReading} 散水栓なし`);
    const yes = await w.sayAndSettle(o.slack, 'はい');
    expect(w.lastDm(o.slack)).toContain(PRESENT);
    const before = { dm: texts(w, o.slack), records: await records(w, o) };
    expect(before.records.conversation).toMatchObject({ step: 'ask:customerPresent.missing', sourceEventId: await eventIdOf(w, yes) });

    await w.unfinish(yes);
    await w.restart();

    expect(texts(w, o.slack)).toEqual(before.dm);
    expect(await records(w, o)).toEqual(before.records);
    expect(await w.db.read.inboundEvent.count({ where: { state: { not: 'done' } } })).toBe(0);

    await w.sayAndSettle(o.slack, 'いいえ');
    expect(w.lastDm(o.slack)).toContain(PILOT);
    await w.sayAndSettle(o.slack, '止まった');
    expect(await w.db.read.taskResult.findFirstOrThrow({ where: { workOrder: { orderNo: o.orderNo } } })).toMatchObject({ customerPresent: false, outcome: 'absent' });
  });

  it('the はい replayed after a crash that came before its answer went out: the same question, once, nothing else changes', async () => {
    w = await SlackWorld.start();
    const o = await openOrder(w);
    await w.sayAndSettle(o.slack, `${o.serial} 開栓完了 指針${o.previousReading} 散水栓なし`);
    const yes = await w.sayAndSettle(o.slack, 'はい');
    const before = { dm: texts(w, o.slack), records: await records(w, o) };

    await w.unfinish(yes);
    await w.unsend(yes, o.slack, 1);
    await w.restart();

    expect(texts(w, o.slack)).toEqual(before.dm);
    expect(await records(w, o)).toEqual(before.records);
  });

  it('the answer that recorded the result, replayed before anything went out, records nothing again and sends the same messages', async () => {
    w = await SlackWorld.start();
    const o = await openOrder(w);
    await w.sayAndSettle(o.slack, `${o.serial} 開栓完了 指針${o.previousReading + 500} 散水栓なし`); // flagged: usage far above
    await w.sayAndSettle(o.slack, 'はい');
    await w.sayAndSettle(o.slack, '閉栓後に使用の形跡あり'); // its その旨 statement
    await w.sayAndSettle(o.slack, 'いいえ');
    const last = await w.sayAndSettle(o.slack, '止まった');
    expect(w.lastDm(o.slack)).toContain('結果を記録しました。');
    const flagCard = () => w!.slack.messagesIn('DUW01').filter((m) => m.key === `flags:${o.orderNo}#0`);
    expect(flagCard()).toHaveLength(1);
    const before = { dm: texts(w, o.slack), flags: flagCard().map((m) => m.text), records: await records(w, o) };
    expect(before.records.results).toMatchObject([{ sourceEventId: await eventIdOf(w, last), customerPresent: false, pilotStillTurning: false, usageFarAbovePrevious: true }]);
    expect(before.records.conversation?.step).toBe('closed');

    await w.unfinish(last);
    await w.unsend(last, o.slack, 1);
    await w.restart();

    expect(await records(w, o)).toEqual(before.records);
    expect(texts(w, o.slack)).toEqual(before.dm);
    expect(flagCard().map((m) => m.text)).toEqual(before.flags);
  });
});
