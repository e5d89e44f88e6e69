import { afterEach, describe, expect, it } from 'vitest';
import { pickOrder, repliesTo, resultOf, resultsWorld, textOf, type ResultsWorld } from '../../support/results-world.ts';

let w: ResultsWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

const last = (deliveries: Awaited<ReturnType<ResultsWorld['session']['say']>>, user: string) => repliesTo(deliveries, user).at(-1)?.text ?? '';

describe('a result typed as text', () => {
  it('is echoed with the reading, confirmed with はい, asked what is missing, then recorded once with the day view updated in place', async () => {
    w = await resultsWorld();
    await w.bot.postDay('2026-03-27');
    const o = await pickOrder(w.t, 'open', { meterWork: null });
    const reading = o.previousReading! + 5;
    const s = w.session.as(o.personId);

    const echo = last(await s.say(`${o.serial} 開栓完了 指針${reading}`), o.personId);
    expect(echo).toContain('次のように読み取りました');
    expect(echo).toContain(`作業: ${o.orderNo} 開栓 (石川県金沢市`);
    expect(echo).toContain(`指針: ${reading} (前回指針 ${o.previousReading} / 使用量 5 m³)`);
    expect(echo).toContain(`指針 ${reading} で間違いありませんか？`);
    expect(await w.t.ctx.db.read.taskResult.count()).toBe(0);
    expect((await w.t.ctx.db.read.pendingReply.findFirst())?.step).toBe('confirm');

    // 開栓: a reading other than the previous one (here 5 more) asks its statement (spec 15(3)ウ(ｱ)a: その旨を入力する).
    expect(last(await s.say('はい'), o.personId)).toContain(`指針 ${reading} が前回指針 ${o.previousReading} と異なります。その理由 (その旨) を書いてください`);
    expect(last(await s.say('閉栓中に使用された形跡あり'), o.personId)).toContain('お客さまは在宅でしたか？');
    expect(last(await s.say('はい'), o.personId)).toContain('散水栓・水栓柱はありましたか？');
    const done = await s.say('出る');
    const dayUpdate = done.find((d) => d.kind === 'update' && d.text.includes(o.orderNo));
    expect(dayUpdate?.text).toContain('✔ 完了 (結果記録済み)');
    expect(last(done, o.personId)).toContain('結果を記録しました。');
    expect(last(done, o.personId)).toContain('前回指針と異なる理由: 閉栓中に使用された形跡あり');
    expect(last(done, o.personId)).toContain('業務責任者に知らせました');

    const row = await resultOf(w.t, o.orderNo);
    expect(row).toMatchObject({ outcome: 'done', reading, readingConfirmed: true, customerPresent: true, outdoorTap: 'flows', channel: 'console', personId: o.personId });
    expect(row).toMatchObject({ readingDiffersFromPrevious: true, readingLowerThanPrevious: false, readingDifferenceNote: '閉栓中に使用された形跡あり' });
    // The day's supervisor (w01) is told: the order, the previous and the new reading, and the worker's statement.
    const card = w.session.inbox('w01').find((m) => m.view.key === `flags:${o.orderNo}`);
    expect(card?.text).toContain(`要確認 ${o.orderNo} 開栓`);
    expect(card?.text).toContain(`開栓の指針が前回指針と異なる (前回指針 ${o.previousReading} → 今回 ${reading})。その旨: 閉栓中に使用された形跡あり`);
    expect(row!.workOrder.status).toBe('done');
    // The conversation is closed with the result (kept only for a replay of the event that recorded it).
    expect(await w.t.ctx.db.read.pendingReply.findMany({ select: { step: true } })).toEqual([{ step: 'closed' }]);
    expect(await w.t.ctx.db.read.auditLog.count({ where: { action: 'result.record', entityId: o.orderNo } })).toBe(1);

    const again = last(await s.say(`${o.serial} 開栓完了 指針${reading + 1}`), o.personId);
    expect(again).toContain(`${o.orderNo} の結果は記録済みです。`);
    expect(again).toContain(`指針: ${reading}`);
    expect(again).toContain('訂正するときは「訂正」ボタンを押すか');
    expect(await w.t.ctx.db.read.taskResult.count()).toBe(1);
  });

  it('takes a correction after いいえ and echoes the new reading before recording it; full-width digits and kana variants read alike', async () => {
    w = await resultsWorld();
    const o = await pickOrder(w.t, 'close', { meterWork: null });
    const s = w.session.as(o.personId);
    const wide = o.serial.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const first = last(await s.say(`${wide}番 閉栓済 ﾋﾟﾝ交換 指針${o.previousReading! + 3}`), o.personId);
    expect(first).toContain(`作業: ${o.orderNo} 閉栓`);
    expect(first).toContain('作業内容: ピン交換');
    expect(last(await s.say('いいえ'), o.personId)).toContain('正しい指針を送ってください');
    expect(last(await s.say(`${o.previousReading! + 4}`), o.personId)).toContain(`指針 ${o.previousReading! + 4} で間違いありませんか？`);
    expect(last(await s.say('はい'), o.personId)).toContain('お客さまは在宅でしたか？');
    expect(last(await s.say('在宅'), o.personId)).toContain('了解を得ましたか');
    expect(last(await s.say('はい'), o.personId)).toContain('散水栓・水栓柱');
    expect(last(await s.say('出ない'), o.personId)).toContain('結果を記録しました。');
    const row = await resultOf(w.t, o.orderNo);
    expect(row).toMatchObject({ reading: o.previousReading! + 4, valvePinReplaced: true, customerConsent: true, outdoorTap: 'dry' });
    expect(row!.consumables.map((c) => c.item)).toEqual(['valvePin']);
  });

  it('a reading lower than the previous one asks whether the meter was replaced and records the meter movement; the supervisor is flagged', async () => {
    w = await resultsWorld();
    const o = await pickOrder(w.t, 'open', { meterWork: null });
    const s = w.session.as(o.personId);
    await s.say(`${o.serial} 開栓完了 指針12 在宅 散水栓出る`);
    expect(last(await s.say('はい'), o.personId)).toContain('メーターを交換しましたか？');
    expect(last(await s.say('交換'), o.personId)).toContain('メーター番号を送ってください');
    expect(last(await s.say('M77000001'), o.personId)).toContain('口径を送ってください');
    const done = await s.say('φ20');
    expect(last(done, o.personId)).toContain('業務責任者に知らせました');
    const row = await resultOf(w.t, o.orderNo);
    expect(row).toMatchObject({ reading: 12, readingLowerThanPrevious: true, meterWorkDone: 'replace', meterNumber: 'M77000001', meterDiameterMm: 20, meterDiffersFromRecord: true });
    expect(row!.meterMovements).toMatchObject([{ kind: 'replace', diameterMm: 20, meterNumber: 'M77000001', date: '2026-03-27' }]);
    const card = w.session.inbox('w01').find((m) => m.view.key === `flags:${o.orderNo}`);
    expect(card?.text).toContain(`指針が前回より小さい (前回指針 ${o.previousReading} → 今回 12)`);
    expect(card?.text).toContain('メーターを交換: M77000001 φ20');
    expect(card?.text).not.toContain('石川県金沢市');
  });

  it('a usage far above the previous one is confirmed in the echo and flagged to the supervisor; after hours without consent is flagged too', async () => {
    w = await resultsWorld('18:30');
    const o = await pickOrder(w.t, 'close', { meterWork: null });
    const reading = o.previousReading! + 500;
    const s = w.session.as(o.personId);
    const echo = last(await s.say(`${o.serial} 閉栓完了 封印 指針${reading} 散水栓なし 不在`), o.personId);
    expect(echo).toContain(`今回の使用量が 500 m³ で、前回使用量 ${o.previousUsage} m³ より大幅に多くなります`);
    expect(last(await s.say('はい'), o.personId)).toContain('結果を記録しました。');
    const row = await resultOf(w.t, o.orderNo);
    expect(row).toMatchObject({ outcome: 'absent', usageFarAbovePrevious: true, sealFitted: true, afterHours: true, afterHoursConsentId: null });
    const card = w.session.inbox('w01').find((m) => m.view.key === `flags:${o.orderNo}`);
    expect(card?.text).toContain('使用量が前回より大幅に多い (今回 500 m³');
    expect(card?.text).toContain('時間外の記録で、局の了承がありません');
  });

  it('refuses another worker\'s order, an unknown number (listing the sender\'s open orders), a kind that does not match, and strangers', async () => {
    w = await resultsWorld();
    const mine = await pickOrder(w.t, 'open', { meterWork: null });
    const other = await pickOrder(w.t, 'close', { not: [], personId: mine.personId === 'w02' ? 'w03' : 'w02' });
    const s = w.session.as(mine.personId);
    expect(last(await s.say(`${other.serial} 閉栓完了 指針1`), mine.personId)).toMatch(new RegExp(`${other.orderNo} は .+ \\(${other.personId}\\) さんの担当です`));
    const unknown = last(await s.say('0999 開栓完了 指針1'), mine.personId);
    expect(unknown).toContain('作業番号「0999」は今日の作業にありません');
    expect(unknown).toContain(`・${mine.orderNo} 開栓`);
    expect(last(await s.say(`${mine.serial} 閉栓完了 指針1`), mine.personId)).toContain('開栓の作業ですが、「閉栓」と書かれています');
    expect(last(await s.say('開栓完了 指針1'), mine.personId)).toContain('どの作業の結果か分からないため、まだ記録していません');
    expect(textOf(await w.session.as('zz99').say(`${mine.serial} 開栓完了 指針1`))).toContain('登録されていません');
    expect(await w.t.ctx.db.read.taskResult.count()).toBe(0);
    expect(await w.t.ctx.db.read.pendingReply.count()).toBe(0);
  });

  it('refuses an order assigned on another day', async () => {
    w = await resultsWorld();
    const o = await pickOrder(w.t, 'open', { meterWork: null });
    await w.t.ctx.db.write((tx) => tx.assignment.updateMany({ where: { workOrder: { orderNo: o.orderNo } }, data: { date: '2026-03-26' } }));
    const answer = last(await w.session.as(o.personId).say(`${o.orderNo} 開栓完了 指針1`), o.personId);
    expect(answer).toContain(`${o.orderNo} は 3月26日(木) に振り分けられた作業で、今日 (3月27日(金)) の作業ではありません`);
  });

  it('survives a restart in the middle (PendingReply), and expires after 30 minutes with a clear message', async () => {
    w = await resultsWorld();
    const [a, b] = [await pickOrder(w.t, 'open', { meterWork: null }), await pickOrder(w.t, 'open', { personId: 'w06', meterWork: null })];
    await w.session.as(a.personId).say(`${a.serial} 開栓完了 指針${a.previousReading!} 在宅 散水栓出る`);
    await w.session.as(b.personId).say(`${b.serial} 開栓完了 指針${b.previousReading! + 1}`);
    const session = await w.restart();
    expect(last(await session.as(a.personId).say('はい'), a.personId)).toContain('結果を記録しました。');
    expect((await resultOf(w.t, a.orderNo))?.reading).toBe(a.previousReading!);

    w.t.clock.advance(31 * 60_000);
    // A bare number after the expiry is not taken for an order number: the worker is told the input expired.
    expect(last(await session.as(b.personId).say(`${b.previousReading! + 1}`), b.personId)).toContain(`${b.orderNo} の入力は 30 分以上返事がなかったため取り消しました`);
    expect(await w.t.ctx.db.read.pendingReply.count({ where: { step: { not: 'closed' } } })).toBe(0);
    expect(await resultOf(w.t, b.orderNo)).toBeNull();
  });

  it('asks again when an answer does not answer, leaves doubts to the escalation, and keeps photos with the result', async () => {
    w = await resultsWorld();
    const o = await pickOrder(w.t, 'open', { meterWork: null });
    const s = w.session.as(o.personId);
    await s.say(`${o.serial} 不在 開栓 指針${o.previousReading!} パイロット回ってる バルブ閉`, { files: [{ ref: 'F1', name: 'meter.jpg', mimeType: 'image/jpeg' }] });
    const unclear = last(await s.say('あいうえお'), o.personId);
    expect(unclear).toContain('読み取れませんでした');
    expect(unclear).toContain(`指針 ${o.previousReading!} で間違いありませんか？`);
    await s.say(`疑義 ${o.serial} 宅内で水音がします`);
    expect(await w.t.ctx.db.read.doubt.count()).toBe(1);
    expect(last(await s.say('はい'), o.personId)).toContain('散水栓・水栓柱');
    expect(last(await s.say('なし'), o.personId)).toContain('連絡用紙を投函しましたか');
    expect(last(await s.attach('site.jpg'), o.personId)).toContain('写真を 1 枚受け取りました');
    expect(last(await s.say('はい'), o.personId)).toContain('電話連絡しましたか');
    expect(last(await s.say('留守電に伝言'), o.personId)).toContain('結果を記録しました。');
    const row = await resultOf(w.t, o.orderNo);
    expect(row).toMatchObject({ outcome: 'absent', pilotStillTurning: true, valveClosedForPilot: true, noticeSlipLeft: true, phoneContacted: true, phoneContactOutcome: '留守電に伝言', outdoorTap: 'none' });
    expect(row!.attachments.map((a) => a.fileRef)).toEqual(['F1', 'console-file:site.jpg']);

    const added = last(await s.attach('later.jpg', `写真 ${o.serial}`), o.personId);
    expect(added).toContain(`${o.orderNo} の結果に写真を 1 枚追加しました (合計 3 枚)`);
    expect(w.session.inbox('w01').find((m) => m.view.key === `flags:${o.orderNo}`)?.text).toContain('パイロットが回っていた');
  });

  it('その他: a reading given with the result is confirmed and kept', async () => {
    w = await resultsWorld();
    const o = await pickOrder(w.t, 'other', { meterWork: null });
    const reading = (o.previousReading ?? 1000) + 2;
    const s = w.session.as(o.personId);
    expect(last(await s.say(`${o.serial} その他 完了 指針${reading} メモ 止水栓の位置を確認`), o.personId)).toContain(`指針 ${reading} で間違いありませんか？`);
    const done = last(await s.say('はい'), o.personId);
    expect(done).toContain('結果を記録しました。');
    expect(done).toContain(`指針: ${reading}`);
    expect(await resultOf(w.t, o.orderNo)).toMatchObject({ outcome: 'done', reading, readingConfirmed: true, readingDiffersFromPrevious: false });
  });
});
