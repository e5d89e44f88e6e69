import { describe, expect, it } from 'vitest';
import { ASSIGNEE_CONTACT_POLICY, DEFAULT_CHAT_POLICY } from '../../../../src/domain/privacy/chat-policy.ts';
import {
  findPersonalData,
  maskPersonalData,
  personalTextFor,
  type KnownCustomer,
  type MaskLabels,
} from '../../../../src/domain/privacy/personal-text.ts';

const labels: MaskLabels = { phone: '[電話番号]', customerNumber: '[お客さま番号]', customerName: '[氏名]' };
const known: KnownCustomer[] = [{ customerNumber: '0123456789', customerName: '架空 太郎' }];
const mask = (text: string, k: KnownCustomer[] = []) => maskPersonalData(text, k, labels);
const kinds = (text: string, k: KnownCustomer[] = []) => findPersonalData(text, k).map((s) => [text.slice(s.start, s.end), s.kind]);

describe('phone numbers in free text', () => {
  it.each([
    ['076-123-4567'],
    ['090-1234-5678'],
    ['0761234567'],
    ['09012345678'],
    ['076 123 4567'],
    ['090 1234 5678'],
    ['０７６－１２３－４５６７'],
    ['０９０ー１２３４ー５６７８'],
    ['０９０１２３４５６７８'],
    ['(076)123-4567'],
    ['0120-123-456'],
  ])('finds %s', (phone) => {
    expect(kinds(`連絡先 ${phone} に電話済み`)).toEqual([[phone, 'phone']]);
    expect(mask(`連絡先${phone}。`)).toBe('連絡先[電話番号]。');
  });

  it.each([
    ['指針1187'],
    ['指針 1187 で確認'],
    ['20260327-0012 に訪問'],
    ['0012 の件'],
    ['2026-03-27 10:15 に再訪'],
    ['駐車場 500円'],
    ['2026/03/27'],
    ['メーター M66126116'],
    ['水栓 554710'],
    ['前回 1186 今回 1187'],
    ['口径 20 φ13'],
    ['令和8年3月27日 14時30分'],
    ['202603270012'],
    ['1.0761234567'],
  ])('takes nothing from %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe('customer numbers and names', () => {
  it('finds a 10-digit customer number, also in full width', () => {
    expect(kinds('お客さま番号3503055453を確認')).toEqual([['3503055453', 'customerNumber']]);
    expect(mask('番号３５０３０５５４５３')).toBe('番号[お客さま番号]');
  });

  it("finds the order's own customer number in any spacing, even one that looks like a phone number", () => {
    expect(kinds('番号 0123456789 です', known)).toEqual([['0123456789', 'customerNumber']]);
    expect(kinds('番号 0123-456-789 です', known)).toEqual([['0123-456-789', 'customerNumber']]);
  });

  it("finds the customer's name with and without the space, full-width space too", () => {
    expect(mask('架空 太郎様 不在', known)).toBe('[氏名]様 不在');
    expect(mask('架空太郎さんと話した', known)).toBe('[氏名]さんと話した');
    expect(mask('架空　太郎', known)).toBe('[氏名]');
    expect(mask('架空さんの隣', known)).toBe('[氏名]さんの隣'); // the surname with an honorific (personal-text-names.test.ts)
    expect(mask('架空の隣', known)).toBe('架空の隣');
  });

  it('masks several kinds in one text and keeps everything else', () => {
    expect(mask('架空太郎様 090-1234-5678 に連絡、指針1187、駐車 500円', known)).toBe('[氏名]様 [電話番号] に連絡、指針1187、駐車 500円');
  });

  it('returns nothing for an empty text or unknown customers without data', () => {
    expect(findPersonalData('')).toEqual([]);
    expect(findPersonalData('架空太郎', [{ customerName: null, customerNumber: null }])).toEqual([]);
  });
});

describe('by audience', () => {
  const text = '架空太郎様 090-1234-5678 番号3503055453';

  it('masks everything under the default policy, for every audience', () => {
    for (const audience of ['assigneeDirect', 'otherDirect', 'channel'] as const) {
      expect(personalTextFor(text, known, DEFAULT_CHAT_POLICY, audience, labels)).toBe('[氏名]様 [電話番号] 番号[お客さま番号]');
    }
  });

  it('shows the assignee the name and phone when the policy allows it, never the channel', () => {
    expect(personalTextFor(text, known, ASSIGNEE_CONTACT_POLICY, 'assigneeDirect', labels)).toBe('架空太郎様 090-1234-5678 番号[お客さま番号]');
    expect(personalTextFor(text, known, ASSIGNEE_CONTACT_POLICY, 'channel', labels)).toBe('[氏名]様 [電話番号] 番号[お客さま番号]');
  });
});
