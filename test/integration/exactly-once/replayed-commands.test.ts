import { afterEach, describe, expect, it } from 'vitest';
import { DATE, SlackWorld } from './support/slack-world.ts';

/**
 * Issue 9, item 3, beyond the result conversation: what a worker writes at the end of the day (完了報告, 伝達, 駐車) and
 * photos added to a recorded result are applied once, however often their event is replayed after a crash (the
 * assembled bot; the replay is the inbox finding the event unfinished on the next start).
 */
let w: SlackWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

const WORKER = { id: 'w02', slack: 'UW02' };

/** The worker's first open order of the day without meter work. */
async function firstOrder(world: SlackWorld) {
  const row = await world.db.read.assignment.findFirstOrThrow({
    where: { date: DATE, personId: WORKER.id, workOrder: { kind: 'open', meterWork: null, previousReading: { not: null } } },
    include: { workOrder: true },
    orderBy: { visitOrder: 'asc' },
  });
  return { orderNo: row.workOrder.orderNo, serial: row.workOrder.orderNo.slice(-4), previousReading: row.workOrder.previousReading! };
}

/** The event is replayed once with its messages sent (the outbox drops them), once as if nothing had gone out. */
async function replayTwice(world: SlackWorld, eventKey: string): Promise<void> {
  await world.unfinish(eventKey);
  await world.restart();
  await world.unfinish(eventKey);
  await world.unsend(eventKey, WORKER.slack, 1);
  await world.restart();
}

describe('end-of-day messages and photos, replayed', () => {
  it('伝達 and 駐車 add one note and one fee; 完了報告 is confirmed once and answered as the first time', async () => {
    w = await SlackWorld.start('16:00');
    const o = await firstOrder(w);
    const note = await w.sayAndSettle(WORKER.slack, `伝達 ${o.serial} 犬がいるので注意`);
    const noteAnswer = w.lastDm(WORKER.slack);
    expect(noteAnswer).toContain('伝達事項を記録しました');
    await replayTwice(w, note);
    expect(w.lastDm(WORKER.slack)).toBe(noteAnswer);
    expect(await w.db.read.handoverNote.count()).toBe(1);

    const fee = await w.sayAndSettle(WORKER.slack, `駐車 ${o.serial} 500円`);
    const feeAnswer = w.lastDm(WORKER.slack);
    expect(feeAnswer).toContain('有料駐車場使用料 500 円を記録しました');
    await replayTwice(w, fee);
    expect(w.lastDm(WORKER.slack)).toBe(feeAnswer);
    expect(await w.db.read.parkingFee.findMany({ select: { amountYen: true } })).toEqual([{ amountYen: 500 }]);

    // Orders are still open: 完了報告 asks to confirm carrying them over; its replay asks the same, records nothing.
    const ask = await w.sayAndSettle(WORKER.slack, '完了報告');
    const askText = w.lastDm(WORKER.slack);
    expect(askText).toContain('繰越として完了報告しますか？');
    await replayTwice(w, ask);
    expect(w.lastDm(WORKER.slack)).toBe(askText);
    expect(await w.db.read.dayEndConfirmation.count()).toBe(0);
    const confirm = await w.sayAndSettle(WORKER.slack, 'はい');
    const confirmAnswer = w.lastDm(WORKER.slack);
    expect(confirmAnswer).toContain('の完了報告を受け付けました');
    await replayTwice(w, confirm);
    // As the first time (not 「受け付け済みです」): the replay is the same confirmation.
    expect(w.lastDm(WORKER.slack)).toBe(confirmAnswer);
    expect(await w.db.read.dayEndConfirmation.count()).toBe(1);
    expect(await w.db.read.auditLog.count({ where: { action: { in: ['dayEnd.confirm', 'handoverNote.add', 'parkingFee.add'] } } })).toBe(3);

    // A new 完了報告 (another event) is the second one, and says so.
    await w.sayAndSettle(WORKER.slack, '完了報告');
    expect(w.lastDm(WORKER.slack)).not.toContain('繰越として');
    expect(w.lastDm(WORKER.slack)).toContain('の完了報告は');
    expect(w.lastDm(WORKER.slack)).toContain('受け付け済みです');
  });

  it('photos added to a recorded result are kept once per file, and the answer counts them as the first time', async () => {
    w = await SlackWorld.start();
    const o = await firstOrder(w);
    await w.sayAndSettle(WORKER.slack, `${o.serial} 開栓完了 指針${o.previousReading} 散水栓なし`);
    await w.sayAndSettle(WORKER.slack, 'はい');
    await w.sayAndSettle(WORKER.slack, 'はい');
    expect(await w.db.read.taskResult.count()).toBe(1);
    const photos = await w.sayAndSettle(WORKER.slack, `写真 ${o.serial}`, [
      { id: 'F0PHOTO01', name: 'meter.jpg', mimetype: 'image/jpeg' },
      { id: 'F0PHOTO02', name: 'valve.jpg', mimetype: 'image/jpeg' },
    ]);
    const answer = w.lastDm(WORKER.slack);
    expect(answer).toBe(`${o.orderNo} の結果に写真を 2 枚追加しました (合計 2 枚)。`);
    await replayTwice(w, photos);
    expect(w.lastDm(WORKER.slack)).toBe(answer);
    expect(await w.db.read.attachment.findMany({ select: { fileRef: true }, orderBy: { fileRef: 'asc' } })).toEqual([{ fileRef: 'F0PHOTO01' }, { fileRef: 'F0PHOTO02' }]);
    expect(await w.db.read.auditLog.count({ where: { action: 'result.addPhotos' } })).toBe(1);
  });
});

describe('a doubt answer, replayed', () => {
  it('指示して回答 is recorded once; its replay sends the worker the same instruction, once', async () => {
    w = await SlackWorld.start();
    const o = await firstOrder(w);
    await w.sayAndSettle(WORKER.slack, `${o.serial} 疑義 メーター番号が違う`);
    const doubt = await w.db.read.doubt.findFirstOrThrow();
    const answer = await w.submit('UW01', 'doubt.answer', JSON.stringify({ doubtId: doubt.id }), { instruction: '写真を撮って戻ってください' });
    const notice = w.lastDm(WORKER.slack);
    expect(notice).toContain('写真を撮って戻ってください');
    const rows = async () => ({
      doubt: await w!.db.read.doubt.findUniqueOrThrow({ where: { id: doubt.id } }),
      events: await w!.db.read.caseEvent.count({ where: { caseType: 'doubt', caseId: doubt.id } }),
      audit: await w!.db.read.auditLog.count({ where: { action: 'doubt.answer' } }),
    });
    const before = { rows: await rows(), worker: w.dm(WORKER.slack).map((m) => m.text) };
    expect(before.rows.doubt).toMatchObject({ state: 'answered', answeredById: 'w01', answerEventId: expect.any(Number) });
    expect(before.rows.audit).toBe(1);

    // Replayed after its messages went out: nothing new anywhere.
    await w.unfinish(answer);
    await w.restart();
    expect(await rows()).toEqual(before.rows);
    expect(w.dm(WORKER.slack).map((m) => m.text)).toEqual(before.worker);

    // Replayed as if nothing had gone out: the worker gets the same instruction again, once.
    await w.unfinish(answer);
    await w.unsend(answer, WORKER.slack, 1);
    await w.restart();
    expect(await rows()).toEqual(before.rows);
    expect(w.dm(WORKER.slack).map((m) => m.text)).toEqual(before.worker);
  });
});

describe('a result form, replayed', () => {
  it('the submission that recorded the result records nothing again and answers as the first time', async () => {
    w = await SlackWorld.start();
    const o = await firstOrder(w);
    const reading = String(o.previousReading);
    const submission = await w.submit(WORKER.slack, 'result.form', JSON.stringify({ orderNo: o.orderNo }), { reading, reading2: reading }, { outcome: 'done', meter: 'same', outdoorTap: 'none', pilot: 'stopped' });
    const answer = w.lastDm(WORKER.slack);
    expect(answer).toContain('結果を記録しました。');
    const rows = async () => ({
      results: await w!.db.read.taskResult.findMany({ omit: { updatedAt: true } }),
      audit: await w!.db.read.auditLog.count({ where: { action: 'result.record' } }),
    });
    const before = await rows();
    expect(before.results).toMatchObject([{ channel: 'slack', reading: Number(reading), sourceEventId: expect.any(Number) }]);

    await w.unfinish(submission);
    await w.unsend(submission, WORKER.slack, 1);
    await w.restart();
    expect(await rows()).toEqual(before);
    // Not 「記録済みです」: the replay is the same recording.
    expect(w.lastDm(WORKER.slack)).toBe(answer);
  });
});
