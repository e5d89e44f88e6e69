import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeJa } from 'natural/lib/natural/normalizers/normalizer_ja.js';
import { NORMALIZED_ALREADY, normalizeJapanese, tokenizeJapanese } from '../../../../src/adapters/nlp/natural-ja.ts';

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
/** Every character the shortcut lets through without calling normalizeJa. */
const shortcutChars = [
  ...range(0x20, 0x7e),
  '、',
  '。',
  ...range(0x3041, 0x3096),
  ...range(0x30a1, 0x30f6),
  'ー',
  ...range(0x4e00, 0x9fff),
];

describe('normalizeJapanese', () => {
  it('lets through, unchanged, only characters normalizeJa leaves as they are', () => {
    const all = shortcutChars.join('');
    expect(NORMALIZED_ALREADY.test(all)).toBe(true);
    expect(normalizeJa(all)).toBe(all);
  });

  it('gives exactly what normalizeJa gives, for text the shortcut takes and text it does not', () => {
    const kana = fc.constantFrom(...range(0x3041, 0x3096), ...range(0x30a1, 0x30f6), 'ー', 'っ', 'ッ', 'な', 'ノ', '々', '゛', 'ｶ', 'ﾞ', '１', 'Ａ', '　', '㍉');
    const text = fc.oneof(fc.array(kana, { maxLength: 20 }).map((cs) => cs.join('')), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(text, (s) => {
        expect(normalizeJapanese(s)).toBe(normalizeJa(s));
      }),
      { numRuns: 500 },
    );
  });

  it('turns full-width digits and latin half-width and half-width kana full-width', () => {
    expect(normalizeJapanese('０１２ ＯＫ ﾊﾟｲﾛｯﾄ　回転')).toBe('012 OK パイロット 回転');
  });
});

describe('tokenizeJapanese', () => {
  it('splits words, and digits one by one', () => {
    expect(tokenizeJapanese('留守で入れない')).toEqual(['留守', 'で', '入れ', 'ない']);
    expect(tokenizeJapanese('123')).toEqual(['1', '2', '3']);
  });
});
