import { describe, expect, it } from 'vitest';
import type { ResultOrderInfo } from '../../../../src/application/results/ports.ts';
import { readResultForm } from '../../../../src/application/results/read-result-form.ts';
import { buildResultForm, type FormValues } from '../../../../src/application/results/result-form.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import { flowOrder } from '../../../support/flow-order.ts';

const order = flowOrder;

const read = (o: ResultOrderInfo, values: FormValues) => readResultForm(o, values, DEFAULT_USAGE_ALERT);
const twice = (n: number) => ({ reading: String(n), reading2: String(n) });
const ids = (o: ResultOrderInfo) => buildResultForm(o).fields.map((f) => f.id);

describe('buildResultForm', () => {
  it('has the fields of each kind, the reading twice, and the order in its state', () => {
    const findings = ['valvePinCount', 'copperWireCount', 'sealCount', 'checks', 'toldUser', 'filingNotified', 'reason', 'note'];
    expect(ids(order('open'))).toEqual(['outcome', 'reading', 'reading2', 'readingNote', 'meter', 'meterNumber', 'meterDiameter', 'outdoorTap', 'pilot', 'pilotActions', 'phoneOutcome', ...findings]);
    expect(ids(order('close'))).toEqual(['outcome', 'reading', 'reading2', 'work', 'meter', 'meterNumber', 'meterDiameter', 'outdoorTap', ...findings]);
    expect(ids(order('transfer'))).toEqual(['outcome', 'reading', 'reading2', 'valve', 'meter', 'meterNumber', 'meterDiameter', 'pilot', 'pilotActions', 'phoneOutcome', ...findings]);
    expect(ids(order('other'))).toEqual(['outcome', 'reading', 'reading2', ...findings]);
    const form = buildResultForm(order('open'));
    expect(JSON.parse(form.state)).toEqual({ orderNo: '20260327-0012' });
    expect(form.title).toBe('結果入力 20260327-0012');
    expect(form.fields.find((f) => f.id === 'reading')).toMatchObject({ type: 'number', hint: expect.stringContaining('前回指針 1000') });
  });

  it('preselects the ordered meter work and refills a reopened form', () => {
    expect(buildResultForm(order('close', { meterWork: 'remove' })).fields.find((f) => f.id === 'meter')).toMatchObject({ initial: 'removed' });
    expect(buildResultForm(order('open')).fields.find((f) => f.id === 'meter')).toMatchObject({ initial: 'same' });
    const refilled = buildResultForm(order('open'), { reading: '1010', checks: ['leak', 'bogus'], meter: 'nonsense' }).fields;
    expect(refilled.find((f) => f.id === 'reading')).toMatchObject({ initial: '1010' });
    expect(refilled.find((f) => f.id === 'checks')).toMatchObject({ initial: ['leak'] });
    expect(refilled.find((f) => f.id === 'meter')).toMatchObject({ initial: 'same' });
  });
});

describe('readResultForm', () => {
  it('reads a complete 開栓 into a confirmed draft', () => {
    const { draft, errors } = read(order('open'), { outcome: 'done', ...twice(1000), meter: 'same', outdoorTap: 'flows' });
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ outcome: 'done', reading: 1000, readingConfirmed: true, customerPresent: true, outdoorTap: 'flows', meterDiffersFromRecord: false });
  });

  it('wants the statement (その旨) of an 開栓 reading other than the previous one, either way', () => {
    const base = { outcome: 'done', meter: 'same', outdoorTap: 'flows' };
    expect(read(order('open'), { ...base, ...twice(1004) }).errors).toEqual({ readingNote: '指針 1004 が前回指針 1000 と異なります。その理由 (その旨) を入力してください' });
    expect(read(order('open'), { ...base, ...twice(1004), readingNote: '閉栓中に使用の形跡' }).draft).toMatchObject({ readingDifferenceNote: '閉栓中に使用の形跡' });
    expect(read(order('close'), { ...base, ...twice(1004), work: ['consent', 'valvePin'], outdoorTap: 'dry' }).errors).toEqual({});
  });

  it('wants to know whether the user was told of a defect, and whether filing was urged on improper use (spec 15(3)ウ(ｴ)a, c)', () => {
    const base = { outcome: 'done', ...twice(1000), meter: 'same', outdoorTap: 'flows' };
    expect(read(order('open'), { ...base, checks: ['equipmentDefect', 'improperUse'] }).errors).toMatchObject({ toldUser: expect.stringContaining('使用者に連絡'), filingNotified: expect.stringContaining('届出') });
    const answered = read(order('open'), { ...base, checks: ['equipmentDefect', 'improperUse'], toldUser: 'yes', filingNotified: 'no' });
    expect(answered.errors).toEqual({});
    expect(answered.draft).toMatchObject({ equipmentDefect: true, customerToldOfDefect: true, improperUse: true, improperUseNotified: false });
  });

  it('keeps a reading entered on an その他 order', () => {
    const { draft, errors } = read(order('other'), { outcome: 'done', ...twice(1003), note: '止水栓の位置を確認' });
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ reading: 1003, readingConfirmed: true });
  });

  it('wants the reading twice and equal (full-width digits and thousands commas are fine)', () => {
    expect(read(order('open'), { outcome: 'done', reading: '1000', meter: 'same', outdoorTap: 'flows' }).errors).toEqual({ reading2: '確認のため、同じ指針をもう一度入力してください' });
    expect(read(order('open'), { outcome: 'done', reading: '1010', reading2: '1011', meter: 'same', outdoorTap: 'flows' }).errors.reading2).toContain('一致しません');
    expect(read(order('open'), { outcome: 'done', reading: '１，０００', reading2: '1000', meter: 'same', outdoorTap: 'flows' }).errors).toEqual({});
    expect(read(order('open'), { outcome: 'done', reading: '10.5', reading2: '10.5', meter: 'same', outdoorTap: 'flows' }).errors.reading).toContain('整数');
    expect(read(order('open'), { outcome: 'done', meter: 'same', outdoorTap: 'flows' }).errors).toEqual({ reading: '指針を入力してください' });
  });

  it('asks to tick a usage far above the previous one, and to explain a lower reading by the meter', () => {
    const high = { outcome: 'done', ...twice(1200), meter: 'same', outdoorTap: 'flows', readingNote: '前回の読み違い' };
    expect(read(order('open'), high).errors.checks).toContain('今回の使用量 200 m³ は前回使用量 20 m³ より大幅に多くなります');
    expect(read(order('open'), { ...high, checks: ['highUsage'] }).errors).toEqual({});
    const lower = { outcome: 'done', ...twice(12), outdoorTap: 'flows', readingNote: '検満で別のメーター', toldUser: 'yes' };
    expect(read(order('open'), { ...lower, meter: 'same' }).errors.meter).toContain('前回指針 1000 より小さく');
    expect(read(order('open'), { ...lower, meter: 'replaced' }).errors).toMatchObject({ meterNumber: 'メーター番号を入力してください', meterDiameter: '口径を選んでください' });
    const replaced = read(order('open'), { ...lower, meter: 'replaced', meterNumber: 'M9', meterDiameter: '20' });
    expect(replaced.errors).toEqual({});
    expect(replaced.draft).toMatchObject({ meterWorkDone: 'replace', meterDiffersFromRecord: true, meterNumber: 'M9', meterDiameterMm: 20 });
    const differs = read(order('open'), { ...lower, meter: 'differs', meterNumber: 'M9', meterDiameter: '20' });
    expect(differs.errors).toEqual({});
    expect(differs.draft.meterDiffersFromRecord).toBe(true);
    expect(differs.draft.meterWorkDone).toBeUndefined();
  });

  it('requires the pilot checks when the customer was away, and all three actions with the call outcome when it kept turning', () => {
    const away = { outcome: 'absent', ...twice(1000), meter: 'same', outdoorTap: 'flows' };
    expect(read(order('open'), away).errors.pilot).toContain('パイロット');
    const turning = read(order('open'), { ...away, pilot: 'turning', pilotActions: ['valveClosed'] });
    expect(Object.keys(turning.errors).sort()).toEqual(['phoneOutcome', 'pilotActions']);
    const all = read(order('open'), { ...away, pilot: 'turning', pilotActions: ['valveClosed', 'noticeSlip', 'phoned'], phoneOutcome: 'つながらず' });
    expect(all.errors).toEqual({});
    expect(all.draft).toMatchObject({ customerPresent: false, pilotStillTurning: true, valveClosedForPilot: true, noticeSlipLeft: true, phoneContacted: true });
  });

  it('checks 閉栓: consent of a customer at home, pin or seal, the ordered removal with its slip, a dry tap', () => {
    const base = { outcome: 'done', ...twice(1010), meter: 'same', outdoorTap: 'dry' };
    expect(read(order('close'), base).errors).toEqual({ work: '在宅のお客さまの了解を得たらチェックしてください' });
    expect(read(order('close'), { ...base, work: ['consent'] }).errors.work).toContain('ピン交換か封印');
    expect(read(order('close'), { ...base, work: ['consent', 'valvePin'], outdoorTap: 'flows' }).errors.outdoorTap).toContain('閉栓後も散水栓から水が出ています');
    const removal = order('close', { meterWork: 'remove' });
    expect(read(removal, { ...base, work: ['consent', 'valvePin'] }).errors.meter).toContain('メーター引上');
    expect(read(removal, { ...base, work: ['consent', 'valvePin'], meter: 'removed' }).errors.work).toContain('連絡用紙');
    expect(read(removal, { ...base, work: ['consent', 'valvePin', 'noticeSlip'], meter: 'removed' }).errors).toEqual({});
  });

  it('checks 名変 (the valve) and その他 (a note), and a task not done needs only its reason', () => {
    expect(read(order('transfer'), { outcome: 'done', ...twice(1010), meter: 'same' }).errors).toEqual({ valve: 'バルブの状態を選んでください' });
    expect(read(order('transfer'), { outcome: 'done', ...twice(1010), meter: 'same', valve: 'open' }).errors).toEqual({});
    expect(read(order('other'), { outcome: 'done' }).errors).toEqual({ note: '行った作業の内容を入力してください' });
    expect(read(order('open'), { outcome: 'not_done' }).errors).toEqual({ reason: '作業できなかった理由を入力してください' });
    const notDone = read(order('open'), { outcome: 'not_done', reason: '留守', reading: '5' });
    expect(notDone.errors).toEqual({});
    expect(notDone.draft.reading).toBeUndefined();
    expect(read(order('open'), {}).errors).toEqual({ outcome: '結果を選んでください' });
  });
});
