import { describe, expect, it } from 'vitest';
import type { ResultDraft, ResultOrder } from '../../../../src/domain/results/result-draft.ts';
import { nextQuestion, validateResult } from '../../../../src/domain/results/result-requirements.ts';
import type { TaskKind } from '../../../../src/domain/work-order/task-kind.ts';

const order = (kind: TaskKind, extra: Partial<ResultOrder> = {}): ResultOrder => ({
  kind,
  meterWork: null,
  diameterMm: 20,
  previousReading: 1186,
  previousUsage: 52,
  ...extra,
});
const codes = (o: ResultOrder, d: ResultDraft) => validateResult(o, d).map((i) => i.code);

// 1216 after 1186: an 開栓 reading other than the previous one comes with its statement (その旨).
const openDone: ResultDraft = {
  outcome: 'done',
  customerPresent: true,
  reading: 1216,
  readingConfirmed: true,
  readingDifferenceNote: '閉栓後に使用の形跡あり',
  outdoorTap: 'flows',
};
const closeDone: ResultDraft = {
  outcome: 'done',
  customerPresent: true,
  customerConsent: true,
  reading: 1216,
  readingConfirmed: true,
  valvePinReplaced: true,
  outdoorTap: 'dry',
};
const transferDone: ResultDraft = { outcome: 'done', reading: 1216, readingConfirmed: true, valveFoundClosed: false };
const pilotTurningHandled: ResultDraft = {
  pilotChecked: true,
  pilotStillTurning: true,
  valveClosedForPilot: true,
  noticeSlipLeft: true,
  phoneContacted: true,
  phoneContactOutcome: 'つながらず留守電に伝言',
};

describe('validateResult: every kind', () => {
  it('asks for the outcome first, and for nothing else until it is known', () => {
    expect(codes(order('open'), {})).toEqual(['outcome.missing']);
    expect(codes(order('close'), { outcome: 'maybe' as never, reading: 5 })).toEqual(['outcome.missing']);
  });

  it.each(['open', 'close', 'transfer', 'other'] as const)('%s not done needs a reason, and only that', (kind) => {
    expect(codes(order(kind), { outcome: 'not_done' })).toEqual(['notDoneReason.missing']);
    expect(codes(order(kind), { outcome: 'not_done', notDoneReason: '  ' })).toEqual(['notDoneReason.missing']);
    expect(codes(order(kind), { outcome: 'not_done', notDoneReason: '留守で入れない' })).toEqual([]);
  });

  it('その他 needs a note', () => {
    expect(codes(order('other'), { outcome: 'done' })).toEqual(['note.missing']);
    expect(codes(order('other'), { outcome: 'absent', note: '' })).toEqual(['note.missing']);
    expect(codes(order('other'), { outcome: 'done', note: '止水栓の位置を確認した' })).toEqual([]);
  });
});

describe('validateResult: reading (all kinds with a reading)', () => {
  it('needs a non-negative integer reading, echoed back and confirmed', () => {
    expect(codes(order('open'), { ...openDone, reading: undefined })).toEqual(['reading.missing']);
    expect(codes(order('open'), { ...openDone, reading: -1 })).toEqual(['reading.invalid']);
    expect(codes(order('open'), { ...openDone, reading: 1216.5 })).toEqual(['reading.invalid']);
    expect(validateResult(order('open'), { ...openDone, readingConfirmed: false })).toEqual([
      { code: 'reading.unconfirmed', params: { reading: 1216 } },
    ]);
  });

  it('asks to confirm a usage far above the previous one instead of a plain echo', () => {
    const issues = validateResult(order('close', { previousUsage: 10 }), { ...closeDone, reading: 1286, readingConfirmed: false });
    expect(issues).toEqual([{ code: 'reading.confirmHighUsage', params: { reading: 1286, usage: 100, previousUsage: 10 } }]);
    expect(codes(order('close', { previousUsage: 10 }), { ...closeDone, reading: 1286 })).toEqual([]);
  });

  it('passes its thresholds on to the reading check', () => {
    const draft = { ...closeDone, reading: 1197, readingConfirmed: false };
    const strict = validateResult(order('close', { previousUsage: 5 }), draft, { factor: 2, minExcessM3: 5 });
    expect(strict.map((i) => i.code)).toEqual(['reading.confirmHighUsage']);
    expect(codes(order('close', { previousUsage: 5 }), draft)).toEqual(['reading.unconfirmed']);
  });

  it('asks whether the meter differs when the reading is lower than the previous one, then its data', () => {
    const lower = { ...transferDone, reading: 100 };
    expect(validateResult(order('transfer'), lower)[0]).toEqual({
      code: 'meterDiffersFromRecord.missing',
      params: { reading: 100, previousReading: 1186 },
    });
    expect(codes(order('transfer'), { ...lower, meterDiffersFromRecord: false })).toEqual([]);
    const differs = { ...lower, meterDiffersFromRecord: true, customerToldOfDefect: true };
    expect(codes(order('transfer'), differs)).toEqual(['meterNumber.missing', 'meterDiameterMm.missing']);
    expect(codes(order('transfer'), { ...differs, meterNumber: 'A1234567', meterDiameterMm: 25 })).toEqual([]);
  });

  it('accepts only contract diameters for a differing meter', () => {
    const differs = { ...closeDone, meterDiffersFromRecord: true, customerToldOfDefect: false, meterNumber: 'A1234567' };
    expect(validateResult(order('close'), { ...differs, meterDiameterMm: 50 })).toEqual([
      { code: 'meterDiameterMm.invalid', params: { diameterMm: 50 } },
    ]);
    expect(codes(order('close'), { ...differs, meterNumber: ' ', meterDiameterMm: 13 })).toEqual(['meterNumber.missing']);
  });
});

describe('validateResult: 開栓', () => {
  it('is complete with presence, a confirmed reading and water at the outdoor tap', () => {
    expect(codes(order('open'), openDone)).toEqual([]);
    expect(codes(order('open'), { ...openDone, outdoorTap: 'none' })).toEqual([]);
  });

  it('asks whether the customer was at home', () => {
    expect(codes(order('open'), { ...openDone, customerPresent: null })).toEqual(['customerPresent.missing']);
  });

  it('asks about the outdoor tap, and rejects one that stays dry', () => {
    expect(codes(order('open'), { ...openDone, outdoorTap: undefined })).toEqual(['outdoorTap.missing']);
    expect(codes(order('open'), { ...openDone, outdoorTap: 'dry' })).toEqual(['outdoorTap.dryAfterOpen']);
  });

  it('needs the ordered meter install done, with number and the ordered diameter', () => {
    const o = order('open', { meterWork: 'install', diameterMm: 20 });
    expect(validateResult(o, openDone)).toEqual([{ code: 'meterWorkDone.missing', params: { work: '取付' } }]);
    expect(codes(o, { ...openDone, meterWorkDone: 'install' })).toEqual(['meterNumber.missing', 'meterDiameterMm.missing']);
    expect(validateResult(o, { ...openDone, meterWorkDone: 'install', meterNumber: 'M1', meterDiameterMm: 13 })).toEqual([
      { code: 'meterDiameterMm.notAsOrdered', params: { diameterMm: 13, orderedMm: 20 } },
    ]);
    expect(codes(o, { ...openDone, meterWorkDone: 'install', meterNumber: 'M1', meterDiameterMm: 20 })).toEqual([]);
  });

  it('needs the data of a replaced meter, of any contract diameter', () => {
    const o = order('open', { meterWork: 'replace' });
    expect(codes(o, openDone)).toEqual(['meterWorkDone.missing']);
    expect(codes(o, { ...openDone, meterWorkDone: 'replace', meterNumber: 'M2', meterDiameterMm: 25 })).toEqual([]);
  });

  it('asks for the pilot check when opened with the customer away', () => {
    const absent = { ...openDone, outcome: 'absent' as const, customerPresent: undefined };
    expect(codes(order('open'), absent)).toEqual(['pilotStillTurning.missing']);
    expect(codes(order('open'), { ...absent, pilotChecked: false })).toEqual(['pilotChecked.required']);
    expect(codes(order('open'), { ...absent, pilotChecked: true, pilotStillTurning: false })).toEqual([]);
    expect(codes(order('open'), { ...openDone, customerPresent: false })).toEqual(['pilotStillTurning.missing']);
  });

  it('needs valve closed, notice slip, phone call and its outcome when the pilot keeps turning', () => {
    const absent = { ...openDone, outcome: 'absent' as const, pilotStillTurning: true };
    expect(codes(order('open'), absent)).toEqual([
      'valveClosedForPilot.missing',
      'noticeSlipLeft.missing',
      'phoneContacted.missing',
      'phoneContactOutcome.missing',
    ]);
    expect(codes(order('open'), { ...absent, ...pilotTurningHandled })).toEqual([]);
    expect(codes(order('open'), { ...absent, ...pilotTurningHandled, phoneContactOutcome: '' })).toEqual(['phoneContactOutcome.missing']);
  });
});

describe('validateResult: 閉栓', () => {
  it('is complete with consent, a confirmed reading, a pin and a dry outdoor tap', () => {
    expect(codes(order('close'), closeDone)).toEqual([]);
  });

  it('needs the consent of a customer at home, and refuses work without it', () => {
    expect(codes(order('close'), { ...closeDone, customerPresent: undefined, customerConsent: undefined })).toEqual([
      'customerPresent.missing',
    ]);
    expect(codes(order('close'), { ...closeDone, customerConsent: undefined })).toEqual(['customerConsent.missing']);
    expect(codes(order('close'), { ...closeDone, customerConsent: false })).toEqual(['customerConsent.refused']);
  });

  it('needs no consent when the customer is away', () => {
    const away = { ...closeDone, customerConsent: undefined };
    expect(codes(order('close'), { ...away, customerPresent: false })).toEqual([]);
    expect(codes(order('close'), { ...away, customerPresent: undefined, outcome: 'absent' })).toEqual([]);
  });

  it('needs the valve pin replaced or else a seal', () => {
    expect(codes(order('close'), { ...closeDone, valvePinReplaced: false })).toEqual(['valvePinOrSeal.missing']);
    expect(codes(order('close'), { ...closeDone, valvePinReplaced: false, sealFitted: true })).toEqual([]);
  });

  it('needs the ordered meter removal, and the notice slip after any removal', () => {
    const o = order('close', { meterWork: 'remove' });
    expect(validateResult(o, closeDone)).toEqual([{ code: 'meterWorkDone.missing', params: { work: '引上' } }]);
    expect(codes(o, { ...closeDone, meterWorkDone: 'remove' })).toEqual(['noticeSlipLeft.missingAfterRemoval']);
    expect(codes(o, { ...closeDone, meterWorkDone: 'remove', noticeSlipLeft: true })).toEqual([]);
    expect(codes(order('close'), { ...closeDone, meterWorkDone: 'remove' })).toEqual(['noticeSlipLeft.missingAfterRemoval']);
  });

  it('asks about the outdoor tap, and rejects one that still flows', () => {
    expect(codes(order('close'), { ...closeDone, outdoorTap: null })).toEqual(['outdoorTap.missing']);
    expect(codes(order('close'), { ...closeDone, outdoorTap: 'flows' })).toEqual(['outdoorTap.flowsAfterClose']);
    expect(codes(order('close'), { ...closeDone, outdoorTap: 'none' })).toEqual([]);
  });

  it('lists every missing item in the order they are asked', () => {
    expect(codes(order('close', { meterWork: 'remove' }), { outcome: 'done', customerPresent: true })).toEqual([
      'customerConsent.missing',
      'reading.missing',
      'valvePinOrSeal.missing',
      'meterWorkDone.missing',
      'outdoorTap.missing',
    ]);
  });
});

describe('validateResult: 名変', () => {
  it('asks whether the valve was found closed', () => {
    expect(codes(order('transfer'), { ...transferDone, valveFoundClosed: undefined })).toEqual(['valveFoundClosed.missing']);
    expect(codes(order('transfer'), transferDone)).toEqual([]);
  });

  it('treats a valve found closed and opened like an 開栓: presence, then the pilot check when away', () => {
    const opened = { ...transferDone, valveFoundClosed: true };
    expect(codes(order('transfer'), opened)).toEqual(['customerPresent.missing']);
    expect(codes(order('transfer'), { ...opened, customerPresent: true })).toEqual([]);
    expect(codes(order('transfer'), { ...opened, outcome: 'absent' })).toEqual(['pilotStillTurning.missing']);
    expect(codes(order('transfer'), { ...opened, outcome: 'absent', ...pilotTurningHandled })).toEqual([]);
  });
});

describe('nextQuestion', () => {
  it('fills a result step by step, one question at a time, until it is complete', () => {
    const o = order('close');
    const answers: ResultDraft[] = [
      { outcome: 'done' },
      { customerPresent: true },
      { customerConsent: true },
      { reading: 1216 },
      { readingConfirmed: true },
      { sealFitted: true },
      { outdoorTap: 'dry' },
    ];
    let draft: ResultDraft = {};
    const asked: string[] = [];
    for (const answer of answers) {
      asked.push(nextQuestion(o, draft)?.code ?? 'none');
      draft = { ...draft, ...answer };
    }
    expect(asked).toEqual([
      'outcome.missing',
      'customerPresent.missing',
      'customerConsent.missing',
      'reading.missing',
      'reading.unconfirmed',
      'valvePinOrSeal.missing',
      'outdoorTap.missing',
    ]);
    expect(nextQuestion(o, draft)).toBeNull();
  });
});

describe('validateResult: spec findings (15(3)ウ(ｱ)a, (ｴ)a, (ｴ)c)', () => {
  it('asks an 開栓 reading other than the previous one for its statement, higher or lower, and not the same one', () => {
    const unstated = { ...openDone, readingDifferenceNote: null };
    expect(validateResult(order('open', { previousReading: 9000 }), { ...unstated, reading: 9004 })).toEqual([
      { code: 'readingDifferenceNote.missing', params: { reading: 9004, previousReading: 9000 } },
    ]);
    const lower = { ...unstated, reading: 8990, meterDiffersFromRecord: false };
    expect(codes(order('open', { previousReading: 9000 }), lower)).toEqual(['readingDifferenceNote.missing']);
    expect(codes(order('open', { previousReading: 9000 }), { ...unstated, reading: 9000 })).toEqual([]);
    expect(codes(order('open', { previousReading: null }), { ...unstated, reading: 9004 })).toEqual([]);
    expect(codes(order('open', { previousReading: 9000 }), { ...unstated, reading: 9004, readingDifferenceNote: '前回の読み違い' })).toEqual([]);
  });

  it('asks no statement of other kinds, nor of a meter the worker fitted', () => {
    expect(codes(order('close'), closeDone)).toEqual([]);
    expect(codes(order('transfer'), transferDone)).toEqual([]);
    const fitted = { ...openDone, readingDifferenceNote: null, reading: 0, meterWorkDone: 'replace' as const, meterDiffersFromRecord: true, meterNumber: 'M2', meterDiameterMm: 20 };
    expect(codes(order('open', { meterWork: 'replace' }), fitted)).toEqual([]);
  });

  it('asks whether the user was told of a defect or a meter other than the one on record (ｴ)a, either answer will do', () => {
    expect(codes(order('close'), { ...closeDone, equipmentDefect: true })).toEqual(['customerToldOfDefect.missing']);
    expect(codes(order('close'), { ...closeDone, equipmentDefect: true, customerToldOfDefect: false })).toEqual([]);
    expect(codes(order('open'), { outcome: 'not_done', notDoneReason: 'メーター故障', equipmentDefect: true })).toEqual(['customerToldOfDefect.missing']);
  });

  it('asks whether filing properly was urged on improper use (ｴ)c', () => {
    expect(codes(order('other'), { outcome: 'done', note: '確認', improperUse: true })).toEqual(['improperUseNotified.missing']);
    expect(codes(order('other'), { outcome: 'done', note: '確認', improperUse: true, improperUseNotified: true })).toEqual([]);
  });

  it('confirms a reading given on an その他 order (it is kept)', () => {
    expect(codes(order('other'), { outcome: 'done', note: '止水栓の確認', reading: 1190 })).toEqual(['reading.unconfirmed']);
    expect(codes(order('other'), { outcome: 'done', note: '止水栓の確認', reading: 1190, readingConfirmed: true })).toEqual([]);
  });
});
