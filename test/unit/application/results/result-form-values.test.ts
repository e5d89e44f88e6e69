import { describe, expect, it } from 'vitest';
import type { ResultOrderInfo } from '../../../../src/application/results/ports.ts';
import { finalDraft } from '../../../../src/application/results/record-result.ts';
import { readResultForm } from '../../../../src/application/results/read-result-form.ts';
import { buildResultForm, type FormValues } from '../../../../src/application/results/result-form.ts';
import { resultFormValuesOf } from '../../../../src/application/results/result-form-values.ts';
import { buildCorrectionForm } from '../../../../src/application/results/correction-form.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import type { ResultDraft } from '../../../../src/domain/results/result-draft.ts';
import type { TaskKind } from '../../../../src/domain/work-order/task-kind.ts';
import { flowOrder } from '../../../support/flow-order.ts';

/** Synthetic order: previous reading 1000, previous usage 20 m³, φ20 meter M00000001. */
/** A recorded order (its result is what is corrected). */
const order = (kind: TaskKind, extra: Partial<ResultOrderInfo> = {}) => flowOrder(kind, { status: 'done', hasResult: true, ...extra });

const read = (o: ResultOrderInfo, values: FormValues) => readResultForm(o, values, DEFAULT_USAGE_ALERT);
const twice = (n: number) => ({ reading: String(n), reading2: String(n) });

/**
 * recorded → form values → read back: the same draft, with no errors. The recorded result is the form's draft as
 * recordResult stores it (finalDraft: the reading checks' flags computed).
 */
function roundTrip(o: ResultOrderInfo, values: FormValues) {
  const first = read(o, values);
  expect(first.errors).toEqual({});
  const recorded = finalDraft({ thresholds: DEFAULT_USAGE_ALERT }, o, { ...first.draft, outcome: first.draft.outcome! });
  const again = read(o, resultFormValuesOf(o, recorded));
  expect(again.errors).toEqual({});
  expect(again.draft).toEqual(first.draft);
  expect(finalDraft({ thresholds: DEFAULT_USAGE_ALERT }, o, { ...again.draft, outcome: again.draft.outcome! })).toEqual(recorded);
}

describe('resultFormValuesOf (a recorded result as its form)', () => {
  it('fills the form of each kind from the recorded result, the reading in both fields', () => {
    const opened: ResultDraft = {
      outcome: 'absent', reading: 1003, readingConfirmed: true, readingDifferenceNote: '前回の読み違い', meterWorkDone: null, meterDiffersFromRecord: false,
      outdoorTap: 'flows', pilotChecked: true, pilotStillTurning: true, valveClosedForPilot: true, noticeSlipLeft: true, phoneContacted: true,
      phoneContactOutcome: '折り返し待ち', leakSuspected: true, equipmentDefect: false, improperUse: false, note: '犬に注意',
    };
    expect(resultFormValuesOf(order('open'), opened)).toEqual({
      outcome: 'absent', reading: '1003', reading2: '1003', readingNote: '前回の読み違い', meter: 'same', outdoorTap: 'flows',
      pilot: 'turning', pilotActions: ['valveClosed', 'noticeSlip', 'phoned'], phoneOutcome: '折り返し待ち', checks: ['leak'], note: '犬に注意',
    });
    const closed: ResultDraft = { outcome: 'done', reading: 1002, customerConsent: true, valvePinReplaced: true, sealFitted: null, meterWorkDone: 'remove', meterNumber: 'M9', meterDiameterMm: 20, outdoorTap: 'dry' };
    expect(resultFormValuesOf(order('close'), closed)).toEqual({
      outcome: 'done', reading: '1002', reading2: '1002', work: ['consent', 'valvePin'], meter: 'removed', meterNumber: 'M9', meterDiameter: '20', outdoorTap: 'dry',
    });
    expect(resultFormValuesOf(order('transfer'), { outcome: 'done', reading: 1001, valveFoundClosed: false, meterDiffersFromRecord: true, meterNumber: 'M2' })).toEqual({
      outcome: 'done', reading: '1001', reading2: '1001', valve: 'open', meter: 'differs', meterNumber: 'M2',
    });
    expect(resultFormValuesOf(order('other'), { outcome: 'not_done', notDoneReason: '建物なし', equipmentDefect: true, customerToldOfDefect: false })).toEqual({
      outcome: 'not_done', checks: ['equipmentDefect'], toldUser: 'no', reason: '建物なし',
    });
  });

  it('ticks the high-usage check of a usage flagged when recorded (it was confirmed then)', () => {
    expect(resultFormValuesOf(order('close'), { outcome: 'done', reading: 1100, usageFarAbovePrevious: true }).checks).toEqual(['highUsage']);
  });

  it('round trip: recorded → form values → read back → the same draft', () => {
    roundTrip(order('open'), { outcome: 'absent', ...twice(1003), readingNote: '前回の読み違い', meter: 'same', outdoorTap: 'flows', pilot: 'turning', pilotActions: ['valveClosed', 'noticeSlip', 'phoned'], phoneOutcome: '不在', checks: ['leak'], note: 'メモ' });
    roundTrip(order('open', { meterWork: 'install' }), { outcome: 'done', ...twice(0), meter: 'installed', meterNumber: 'M12345678', meterDiameter: '20', outdoorTap: 'flows', pilot: 'stopped' });
    roundTrip(order('close'), { outcome: 'done', ...twice(1002), work: ['consent', 'seal', 'noticeSlip'], meter: 'same', outdoorTap: 'dry', checks: ['equipmentDefect'], toldUser: 'yes' });
    roundTrip(order('close', { meterWork: 'remove' }), { outcome: 'absent', ...twice(1001), work: ['valvePin', 'noticeSlip'], meter: 'removed', outdoorTap: 'none' });
    roundTrip(order('close'), { outcome: 'done', ...twice(1100), work: ['consent', 'valvePin'], meter: 'same', outdoorTap: 'dry', checks: ['highUsage', 'improperUse'], filingNotified: 'yes' });
    roundTrip(order('transfer'), { outcome: 'done', ...twice(1001), valve: 'foundClosed', meter: 'differs', meterNumber: 'M2', meterDiameter: '25', pilot: 'stopped', toldUser: 'yes' });
    roundTrip(order('other'), { outcome: 'done', ...twice(1005), note: '止水栓の位置を確認した' });
    roundTrip(order('open'), { outcome: 'not_done', reason: '建物が解体されていた' });
  });

  it('every value it gives is a field of the form and, for a choice, one of its options', () => {
    for (const kind of ['open', 'close', 'transfer', 'other'] as const) {
      const o = order(kind);
      const draft = read(o, { outcome: 'done', ...twice(1001), meter: 'same', outdoorTap: 'flows', work: 'consent,valvePin', valve: 'open', checks: ['leak'] }).draft;
      const fields = new Map(buildResultForm(o).fields.map((f) => [f.id, f]));
      for (const [id, value] of Object.entries(resultFormValuesOf(o, draft))) {
        const field = fields.get(id);
        expect(field, `${kind}: ${id}`).toBeDefined();
        if (field && 'options' in field) for (const v of [value].flat()) expect(field.options.map((x) => x.value)).toContain(v);
      }
    }
  });
});

describe('buildCorrectionForm', () => {
  it('is the result form with its own id, prefilled with the recorded result', () => {
    const o = order('close');
    const recorded = { ...read(o, { outcome: 'done', ...twice(1002), work: 'consent,seal', meter: 'same', outdoorTap: 'dry' }).draft, outcome: 'done' as const, orderNo: o.orderNo, personId: 'w02', channel: 'console', recordedAt: new Date(), afterHours: false, afterHoursConsentId: null, photoCount: 0 };
    const form = buildCorrectionForm(o, recorded);
    expect(form.formId).toBe('result.correct');
    expect(form.title).toBe('訂正 20260327-0012');
    expect(JSON.parse(form.state)).toEqual({ orderNo: o.orderNo });
    expect(form.fields.map((f) => f.id)).toEqual(buildResultForm(o).fields.map((f) => f.id));
    const initial = Object.fromEntries(form.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({ outcome: 'done', reading: '1002', reading2: '1002', work: ['consent', 'seal'], meter: 'same', outdoorTap: 'dry' });
    // Reopened after errors: what was entered, not the recorded values.
    expect(buildCorrectionForm(o, recorded, { outcome: 'done', reading: '1009' }).fields.find((f) => f.id === 'reading')).toMatchObject({ initial: '1009' });
  });
});
