import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenizeJapanese } from '../../../../src/adapters/nlp/natural-ja.ts';
import { hasContentWords } from '../../../../src/adapters/nlp/reply-content.ts';
import {
  endOfOpening,
  firstMeaningfulIndex,
  textWithout,
  trimSigns,
  type Span,
} from '../../../../src/adapters/nlp/reply-phrases.ts';
import { fold } from '../../../../src/adapters/nlp/reply-text.ts';
import { unitNumberMatches } from '../../../../src/adapters/nlp/reply-unit-numbers.ts';
import { vocabulary } from '../../../../src/adapters/nlp/reply-vocabulary.ts';

// The linear versions of the reply parser's helpers give exactly what the former, quadratic ones gave
// (kept here as the reference). Speed itself is measured in bench/parser.bench.ts.

const naive = {
  textWithout(text: string, spans: readonly Span[]): string | null {
    let out = '';
    for (let i = 0; i < text.length; i++) out += spans.some((s) => i >= s.start && i < s.end) ? ' ' : text[i];
    const cleaned = out
      .replace(/\s+/g, ' ')
      .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
      .trim();
    return cleaned || null;
  },
  firstMeaningfulIndex(folded: string, skip: readonly Span[]): number | null {
    for (let i = 0; i < folded.length; i++) {
      if (/[\p{P}\p{S}\s]/u.test(folded[i] as string)) continue;
      if (skip.some((s) => i >= s.start && i < s.end)) continue;
      return i;
    }
    return null;
  },
  endOfOpening(folded: string, spans: readonly Span[]): number {
    let i = 0;
    while (i < folded.length) {
      const span = spans.find((s) => s.start === i);
      if (span) i = span.end;
      else if (/[\p{P}\p{S}\s]/u.test(folded[i] as string)) i += 1;
      else break;
    }
    return i;
  },
};

const unit = fc.constantFrom('a', 'あ', '犬', ' ', '  ', '!', '、', '。', '「', '」', '?', '-', '😀', '\uD83D', '\uDE00', '1', '　', '\t', '＋');
const text = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));
const textAndSpans = text.chain((t) =>
  fc.tuple(
    fc.constant(t),
    fc.array(
      fc.tuple(fc.nat({ max: Math.max(t.length, 1) }), fc.integer({ min: 1, max: 6 })).map(([start, size]) => ({ start, end: start + size })),
      { maxLength: 8 },
    ),
  ),
);

describe('span helpers of the reply parser', () => {
  it('textWithout gives what the character-by-span scan gave', () => {
    fc.assert(fc.property(textAndSpans, ([t, spans]) => {
        expect(textWithout(t, spans)).toBe(naive.textWithout(t, spans));
      }), { numRuns: 3000 });
  });

  it('trimSigns trims exactly what /^[signs]+|[signs]+$/gu removed', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(trimSigns(t)).toBe(t.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, ''));
      }),
      { numRuns: 3000 },
    );
    expect(trimSigns('!!😀犬😀!!')).toBe('犬');
    expect(trimSigns('!!!')).toBe('');
  });

  it('firstMeaningfulIndex and endOfOpening give what the span-by-span scans gave', () => {
    fc.assert(
      fc.property(textAndSpans, ([t, spans]) => {
        expect(firstMeaningfulIndex(t, spans)).toBe(naive.firstMeaningfulIndex(t, spans));
        expect(endOfOpening(t, spans)).toBe(naive.endOfOpening(t, spans));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('numbers with a unit (1,111 m3)', () => {
  const unitPattern = '(?:m3|m³|㎥|立米|立方)';
  const regex = new RegExp(String.raw`(?<![\d.])(\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?)\s*${unitPattern}`, 'g');
  const matches = unitNumberMatches(unitPattern);
  const shape = (ms: Iterable<RegExpMatchArray>): [number, string, string | undefined][] => [...ms].map((m) => [m.index ?? -1, m[0], m[1]]);
  const piece = fc.constantFrom('1', '12', '123', '1234', ',', ',1', ',12', ',123', ',1234', '.', '.5', 'm3', ' m3', '㎥', '立米', ' ', 'a', '-');

  it('are found exactly as matchAll finds them, on chains of groups too', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (parts) => {
        const t = parts.join('');
        expect(shape(matches(t))).toEqual(shape(t.matchAll(regex)));
      }),
      { numRuns: 5000 },
    );
    for (const t of ['1,22,333,444m3', '.1,222,333m3', '1234,567,890m3', '111,222,3334m3', '1m31,222m3', '111,111,111.5m3']) {
      expect(shape(matches(t)), t).toEqual(shape(t.matchAll(regex)));
    }
  });
});

describe('content words of a leftover', () => {
  const particles = vocabulary().particles;
  const byTokens = (rest: string): boolean =>
    tokenizeJapanese(rest).some((token) => !particles.has(fold(token)) && !/^[\p{P}\p{S}\d]+$/u.test(token));
  const piece = fc.constantFrom(
    'で', 'が', 'は', 'を', 'あり', 'なし', 'ので', 'から', 'ため', '済', 'デ', 'ﾃﾞ', 'ﾃ', 'ﾞ', 'ｶﾞ', 'ガ', 'っ', 'な', 'ッナ',
    '々', 'ー', '・', 'ゝ', 'ヽ', '\u3099', '\u309b', '㍉', 'ア', 'ｱ', '犬', 'a', 'A', 'Ａ', '1', '１', ' ', '、', '!', '😀', 'ゔ',
  );

  it('are found exactly when the tokenizer finds a token that is neither a particle nor signs', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), (parts) => {
        const rest = parts.join('');
        expect(hasContentWords(rest, particles)).toBe(byTokens(rest));
      }),
      { numRuns: 3000 },
    );
  });
});
