import { describe, expect, it } from 'vitest';
import { ASSIGNEE_CONTACT_POLICY, DEFAULT_CHAT_POLICY } from '../../../../src/domain/privacy/chat-policy.ts';
import { kanaKey } from '../../../../src/domain/privacy/kana-key.ts';
import { findPersonalData, maskPersonalData, personalTextFor, type KnownCustomer, type MaskLabels } from '../../../../src/domain/privacy/personal-text.ts';

const labels: MaskLabels = { phone: '[電話番号]', customerNumber: '[お客さま番号]', customerName: '[氏名]' };
/** As the billing export gives it: the reading in half-width katakana. */
const fromExport: KnownCustomer = { customerName: '架空 太郎', customerNameKana: 'ｶｸｳ ﾀﾛｳ' };
const fullWidth: KnownCustomer = { customerName: '架空 太郎', customerNameKana: 'カクウ　タロウ' };
const voiced: KnownCustomer = { customerName: '仮野 五郎', customerNameKana: 'ｶﾘﾉ ｺﾞﾛｳ' };
const found = (text: string, k: KnownCustomer) => findPersonalData(text, [k]).map((s) => [text.slice(s.start, s.end), s.kind]);

describe("the customer's name typed in kana", () => {
  it.each([
    ['カクウタロウ'],
    ['カクウ タロウ'],
    ['カクウ　タロウ'],
    ['かくうたろう'],
    ['かくう たろう'],
    ['ｶｸｳﾀﾛｳ'],
    ['ｶｸｳ ﾀﾛｳ'],
    ['カクウ たろう'],
  ])('finds %s (reading from the export in half-width katakana, or full-width)', (name) => {
    expect(found(`${name}さん 不在のため用紙投函`, fromExport)).toEqual([[name, 'customerName']]);
    expect(found(`${name}さん 不在のため用紙投函`, fullWidth)).toEqual([[name, 'customerName']]);
  });

  it('joins the half-width voiced marks to their kana (ｺﾞ is ゴ) and maps the span back to the text as typed', () => {
    expect(found('お客さま ｶﾘﾉ ｺﾞﾛｳ 様 在宅', voiced)).toEqual([['ｶﾘﾉ ｺﾞﾛｳ', 'customerName']]);
    expect(found('かりのごろう様 在宅', voiced)).toEqual([['かりのごろう', 'customerName']]);
    expect(found('カリノコロウ様', voiced)).toEqual([]); // コ is not ゴ
  });

  it('masks the kana like the kanji name', () => {
    expect(maskPersonalData('カクウ タロウ様、架空太郎様 了解済', [fromExport], labels)).toBe('[氏名]様、[氏名]様 了解済');
    expect(maskPersonalData('ｶｸｳﾀﾛｳ 090-1234-5678', [fromExport], labels)).toBe('[氏名] [電話番号]');
  });

  it('follows the chat policy like the kanji name', () => {
    const text = 'カクウ タロウさん立会い';
    expect(personalTextFor(text, [fromExport], DEFAULT_CHAT_POLICY, 'channel', labels)).toBe('[氏名]さん立会い');
    expect(personalTextFor(text, [fromExport], ASSIGNEE_CONTACT_POLICY, 'channel', labels)).toBe('[氏名]さん立会い');
  });

  it('does not look for a reading too short to tell from other words, nor for another customer', () => {
    expect(found('いけ の横', { customerNameKana: 'ｲｹ' })).toEqual([]);
    expect(found('カクウ ハナコ', fromExport)).toEqual([]);
    expect(found('カクウ タロウ', { customerName: '架空 太郎' })).toEqual([]);
  });
});

describe('kanaKey', () => {
  it('folds katakana (either width) to hiragana and keeps each unit\'s index in the text', () => {
    expect(kanaKey('ｶﾞｯｺｳ')).toEqual({ text: 'がっこう', from: [0, 2, 3, 4, 5] });
    expect(kanaKey('パン　1')).toEqual({ text: 'ぱん 1', from: [0, 1, 2, 3, 4] });
  });
});
