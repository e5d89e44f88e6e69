import { afterEach, describe, expect, it } from 'vitest';
import type { FormInput } from '../../../src/adapters/console/form-values.ts';
import { pickOrder, repliesTo, resultOf, resultsWorld, type OrderPick, type ResultsWorld } from '../../support/results-world.ts';

let w: ResultsWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

async function openForm(world: ResultsWorld, o: OrderPick) {
  const delivered = await world.session.as(o.personId).pressLabel('結果入力', o.orderNo);
  const form = delivered.find((d) => d.kind === 'form')?.form;
  if (!form) throw new Error(`no form opened: ${delivered.map((d) => d.text).join('\n')}`);
  return form;
}

async function submit(world: ResultsWorld, o: OrderPick, values: FormInput): Promise<string> {
  await openForm(world, o);
  const delivered = await world.session.submit(values);
  return repliesTo(delivered, o.personId).at(-1)?.text ?? '';
}

const twice = (reading: number) => ({ reading: String(reading), reading2: String(reading) });

describe('the result form (結果入力)', () => {
  it('records each kind from its own fields, following spec 15(3)ウ', async () => {
    w = await resultsWorld();
    await w.bot.postDay('2026-03-27');
    const open = await pickOrder(w.t, 'open', { meterWork: null });
    const form = await openForm(w, open);
    expect(form.fields.map((f) => f.id)).toEqual([
      'outcome', 'reading', 'reading2', 'readingNote', 'meter', 'meterNumber', 'meterDiameter', 'outdoorTap', 'pilot', 'pilotActions', 'phoneOutcome',
      'valvePinCount', 'copperWireCount', 'sealCount', 'checks', 'toldUser', 'filingNotified', 'reason', 'note',
    ]);
    const openValues = { outcome: 'absent', ...twice(open.previousReading! + 3), outdoorTap: 'flows', pilot: 'stopped' };
    // 開栓 with a reading other than the previous one: its statement (その旨) is required (spec 15(3)ウ(ｱ)a).
    expect(await submit(w, open, openValues)).toContain('その理由 (その旨) を入力してください');
    await w.session.pressLabel('入力し直す');
    const fixed = await w.session.submit({ ...openValues, readingNote: '前回の読み違いの可能性' });
    expect(repliesTo(fixed, open.personId).at(-1)?.text).toContain('結果を記録しました。');
    expect(await resultOf(w.t, open.orderNo)).toMatchObject({ outcome: 'absent', customerPresent: false, pilotChecked: true, pilotStillTurning: false, readingConfirmed: true, readingDiffersFromPrevious: true, readingDifferenceNote: '前回の読み違いの可能性' });
    const card = w.session.inbox('w01').find((m) => m.view.key === `flags:${open.orderNo}`);
    expect(card?.text).toContain(`(前回指針 ${open.previousReading} → 今回 ${open.previousReading! + 3})。その旨: 前回の読み違いの可能性`);

    const close = await pickOrder(w.t, 'close', { meterWork: null });
    const closeValues = { outcome: 'done', ...twice(close.previousReading! + 2), work: 'consent,seal', outdoorTap: 'dry' };
    // A quantity that is no whole number is shown under its field; 銅線 ２ (full width) is read.
    expect(await submit(w, close, { ...closeValues, copperWireCount: '二本' })).toContain('0〜99 の整数で入力してください');
    await w.session.pressLabel('入力し直す');
    expect(repliesTo(await w.session.submit({ ...closeValues, copperWireCount: '２' }), close.personId).at(-1)?.text).toContain('使用材料: 銅線 2本、封印玉 1個');
    const closed = await resultOf(w.t, close.orderNo);
    expect(closed).toMatchObject({ customerConsent: true, sealFitted: true, valvePinReplaced: null, outdoorTap: 'dry', copperWireCount: 2 });
    expect(closed!.consumables.map((c) => [c.item, c.quantity])).toEqual([['copperWire', 2], ['seal', 1]]);

    const transfer = await pickOrder(w.t, 'transfer');
    expect(await submit(w, transfer, { outcome: 'done', ...twice(transfer.previousReading! + 1), valve: 'foundClosed' })).toContain('結果を記録しました。');
    expect(await resultOf(w.t, transfer.orderNo)).toMatchObject({ valveFoundClosed: true, customerPresent: true });

    const other = await pickOrder(w.t, 'other');
    expect(await submit(w, other, { outcome: 'done', note: '止水栓の位置を確認した' })).toContain('結果を記録しました。');
    expect(await resultOf(w.t, other.orderNo)).toMatchObject({ outcome: 'done', note: '止水栓の位置を確認した', reading: null });

    const notDone = await pickOrder(w.t, 'open', { meterWork: null, not: [open.orderNo] });
    expect(await submit(w, notDone, { outcome: 'not_done', reason: '建物が解体されていた' })).toContain('結果を記録しました。');
    const row = await resultOf(w.t, notDone.orderNo);
    expect(row).toMatchObject({ outcome: 'not_done', notDoneReason: '建物が解体されていた', reading: null });
    expect(row!.workOrder.status).toBe('not_done');
  });

  it('closing with a meter removal records the movement by diameter', async () => {
    w = await resultsWorld();
    await w.bot.postDay('2026-03-27');
    const o = await pickOrder(w.t, 'close', { meterWork: 'remove' });
    const form = await openForm(w, o);
    expect(form.fields.find((f) => f.id === 'meter')).toMatchObject({ initial: 'removed' });
    const answer = await submit(w, o, { outcome: 'absent', ...twice(o.previousReading! + 1), work: 'valvePin,noticeSlip', outdoorTap: 'none' });
    expect(answer).toContain('結果を記録しました。');
    const row = await resultOf(w.t, o.orderNo);
    expect(row!.meterMovements).toMatchObject([{ kind: 'remove', diameterMm: o.diameterMm }]);
    expect(row!.consumables.map((c) => c.item)).toEqual(['valvePin']);
  });

  it('sends a form with errors back (reading twice and equal, conditional pilot fields) and reopens it with what was entered', async () => {
    w = await resultsWorld();
    await w.bot.postDay('2026-03-27');
    const o = await pickOrder(w.t, 'open', { meterWork: null });
    const reading = o.previousReading! + 4;
    const wrong = await submit(w, o, { outcome: 'absent', reading: String(reading), reading2: String(reading + 1), outdoorTap: 'flows', pilot: 'turning', pilotActions: 'valveClosed' });
    expect(wrong).toContain(`${o.orderNo} の結果はまだ記録していません`);
    expect(wrong).toContain(`・指針 (確認): 指針 ${reading} と指針 (確認) ${reading + 1} が一致しません`);
    expect(wrong).toContain('・パイロットが回っていたときの対応 (すべて必須)');
    expect(wrong).toContain('・電話連絡の結果: 電話連絡の結果を入力してください');
    expect(await resultOf(w.t, o.orderNo)).toBeNull();

    const reopened = (await w.session.pressLabel('入力し直す')).find((d) => d.kind === 'form')!.form!;
    expect(reopened.fields.find((f) => f.id === 'reading2')).toMatchObject({ initial: String(reading + 1) });
    expect(reopened.fields.find((f) => f.id === 'pilotActions')).toMatchObject({ initial: ['valveClosed'] });
    const fixed = await w.session.submit({ reading2: String(reading), readingNote: '閉栓中に使用の形跡', pilotActions: 'valveClosed,noticeSlip,phoned', phoneOutcome: 'つながらず留守電' });
    expect(repliesTo(fixed, o.personId).at(-1)?.text).toContain('結果を記録しました。');
    expect(await resultOf(w.t, o.orderNo)).toMatchObject({ reading, pilotStillTurning: true, valveClosedForPilot: true, noticeSlipLeft: true, phoneContacted: true });
  });

  it('records a double submission once and shows the recorded result to the second; refuses the form for another worker\'s order', async () => {
    w = await resultsWorld();
    await w.bot.postDay('2026-03-27');
    const o = await pickOrder(w.t, 'open', { meterWork: null });
    const form = await openForm(w, o);
    const values = { outcome: 'done', ...twice(o.previousReading!), meter: 'same', outdoorTap: 'flows' };
    const envelope = (eventKey: string) => ({
      platform: 'console' as const,
      eventKey,
      userRef: o.personId,
      receivedAt: w!.t.clock.now(),
      payload: { type: 'form' as const, formId: form.formId, state: form.state, values },
    });
    await w.bot.inbox.receive(envelope('double-1'));
    expect(await w.bot.inbox.receive(envelope('double-1'))).toEqual({ duplicate: true });
    await w.bot.inbox.receive(envelope('double-2'));
    await w.bot.inbox.drain();
    expect(await w.t.ctx.db.read.taskResult.count({ where: { workOrder: { orderNo: o.orderNo } } })).toBe(1);
    const replies = w.session.inbox(o.personId).map((m) => m.text);
    expect(replies.filter((r) => r.startsWith('結果を記録しました。'))).toHaveLength(1);
    expect(replies.at(-1)).toContain(`${o.orderNo} の結果は記録済みです。`);
    expect(replies.at(-1)).toContain('訂正するときは「訂正」ボタンを押すか');

    const other = await pickOrder(w.t, 'open', { personId: o.personId === 'w06' ? 'w05' : 'w06', meterWork: null });
    const before = w.bot.console!.adapter.lastSeq();
    await w.bot.inbox.receive({ ...envelope('press-other'), payload: { type: 'button', actionId: 'result.form', value: JSON.stringify({ orderNo: other.orderNo }) } });
    await w.bot.inbox.drain();
    expect(w.session.inbox(o.personId).at(-1)?.text).toMatch(new RegExp(`${other.orderNo} は .+ \\(${other.personId}\\) さんの担当です`));
    expect(w.bot.console!.adapter.deliveries(before).map((d) => d.kind)).toEqual(['post']);
  });
});
