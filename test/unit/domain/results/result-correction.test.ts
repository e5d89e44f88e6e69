import { describe, expect, it } from 'vitest';
import {
  auditedChanges,
  changedFields,
  correctedDraft,
  correctionPatchOf,
  diffResults,
  mayCorrect,
  readCorrectionText,
} from '../../../../src/domain/results/result-correction.ts';
import type { ResultDraft } from '../../../../src/domain/results/result-draft.ts';

describe('readCorrectionText', () => {
  it.each([
    ['訂正 0012 指針1190', { orderRef: '0012', rest: '指針1190' }],
    ['訂正0012 指針1190', { orderRef: '0012', rest: '指針1190' }],
    ['訂正0012指針1190', { orderRef: '0012', rest: '指針1190' }],
    ['訂正　００１２　指針１１９０', { orderRef: '0012', rest: '指針1190' }],
    ['ていせい 0012 指針1190', { orderRef: '0012', rest: '指針1190' }],
    ['テイセイ 12番 不在', { orderRef: '12', rest: '不在' }],
    ['訂正 20260327-0012 メモ 犬', { orderRef: '20260327-0012', rest: 'メモ 犬' }],
    ['訂正：0012、ピン交換', { orderRef: '0012', rest: 'ピン交換' }],
    ['訂正 0012', { orderRef: '0012', rest: '' }],
    ['訂正', { orderRef: '', rest: '' }],
    ['訂正 指針1190', { orderRef: '', rest: '指針1190' }],
  ])('%s', (text, expected) => {
    expect(readCorrectionText(text)).toEqual(expected);
  });

  it.each(['0012 開栓完了 指針1187', '訂正印を押した', 'メモ 訂正 0012', '', '疑義 0012'])('not a correction: %s', (text) => {
    expect(readCorrectionText(text)).toBeNull();
  });
});

describe('mayCorrect', () => {
  const base = { personId: 'w02', recordedBy: 'w02', supervisors: ['s01'], reportStage: 'none' as const };

  it('the worker corrects their own result until the report is approved', () => {
    expect(mayCorrect(base)).toEqual({ allowed: true, role: 'worker', amendsReport: false });
    expect(mayCorrect({ ...base, reportStage: 'draft' })).toEqual({ allowed: true, role: 'worker', amendsReport: false });
    expect(mayCorrect({ ...base, reportStage: 'approved' })).toEqual({ allowed: false, reason: 'askSupervisor' });
    expect(mayCorrect({ ...base, reportStage: 'sent' })).toEqual({ allowed: false, reason: 'askSupervisor' });
  });

  it('another worker may not', () => {
    expect(mayCorrect({ ...base, personId: 'w03' })).toEqual({ allowed: false, reason: 'notYours' });
    expect(mayCorrect({ ...base, personId: 'w03', reportStage: 'sent' })).toEqual({ allowed: false, reason: 'notYours' });
  });

  it("the day's supervisor corrects any result; after the approval it amends the report", () => {
    expect(mayCorrect({ ...base, personId: 's01' })).toEqual({ allowed: true, role: 'supervisor', amendsReport: false });
    expect(mayCorrect({ ...base, personId: 's01', reportStage: 'sent' })).toEqual({ allowed: true, role: 'supervisor', amendsReport: true });
    expect(mayCorrect({ ...base, personId: 's01', reportStage: 'approved' })).toEqual({ allowed: true, role: 'supervisor', amendsReport: true });
  });
});

describe('corrected draft and diff', () => {
  const recorded: ResultDraft = {
    outcome: 'done',
    reading: 1187,
    readingConfirmed: true,
    readingDifferenceNote: 'メーター交換済み',
    readingDiffersFromPrevious: true,
    valvePinReplaced: null,
    note: '犬に注意',
  };

  it('the patch holds only what was said', () => {
    expect(correctionPatchOf({ outcome: null, reading: 1190, readingConfirmed: false, note: null, valvePinReplaced: true })).toEqual({ reading: 1190, valvePinReplaced: true });
    expect(correctionPatchOf({ outcome: null, reading: null, readingConfirmed: false })).toEqual({});
  });

  it('a changed reading is confirmed again and its その旨 asked again', () => {
    const draft = correctedDraft(recorded, { reading: 1190 });
    expect(draft).toMatchObject({ reading: 1190, readingConfirmed: false, readingDifferenceNote: null, outcome: 'done', note: '犬に注意' });
  });

  it('the same reading keeps its confirmation', () => {
    expect(correctedDraft(recorded, { reading: 1187, valvePinReplaced: true })).toMatchObject({ readingConfirmed: true, readingDifferenceNote: 'メーター交換済み', valvePinReplaced: true });
    expect(changedFields(recorded, { reading: 1187, valvePinReplaced: true })).toEqual(['valvePinReplaced']);
    expect(changedFields(recorded, { reading: 1187 })).toEqual([]);
  });

  it('the diff lists the changed fields, flags included; the audit hides free text', () => {
    const after: ResultDraft = { ...recorded, reading: 1190, readingDiffersFromPrevious: false, note: '090-1234-5678 山田' };
    const diff = diffResults(recorded, after);
    expect(diff).toEqual([
      { field: 'reading', before: 1187, after: 1190 },
      { field: 'note', before: '犬に注意', after: '090-1234-5678 山田' },
      { field: 'readingDiffersFromPrevious', before: true, after: false },
    ]);
    const audited = auditedChanges(diff);
    expect(audited.after).toEqual({ reading: 1190, note: '(changed)', readingDiffersFromPrevious: false });
    expect(JSON.stringify(audited)).not.toContain('山田');
    expect(JSON.stringify(audited)).not.toContain('犬');
  });
});
