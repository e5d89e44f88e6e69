import { KANJI_NUMBER, kanjiNumberValue } from '../../domain/numbers/kanji-number.ts';
import { SPOKEN_NUMBER, SPOKEN_ORDER_NUMBER, spokenNumberValue } from './reply-spoken-numbers.ts';
import { unitNumberMatches } from './reply-unit-numbers.ts';
import type { Vocabulary } from './reply-vocabulary.ts';
import type { ConsumableItem } from '../../domain/consumables/consumable-items.ts';
import { quantityPatterns } from './reply-quantities.ts';
import { alternatives } from './reply-alternatives.ts';

/** Where a number of the reply stands and what marks it (all positions index `folded` and `text` alike). */
export type NumberRole = 'taskRef' | 'reading' | 'meterNumber' | 'diameter' | 'quantity' | 'ignored' | 'bare';

export interface NumberToken {
  role: NumberRole;
  /** The whole match, marker included. */
  start: number;
  end: number;
  /** The number itself as typed (half-width). */
  value: string;
  negative: boolean;
  /** A quantity's consumable (ピン2, 銅線なし). */
  item?: ConsumableItem;
}

interface Pattern {
  role: NumberRole;
  item?: ConsumableItem;
  regex: RegExp;
  /** The regex's matches, found another way when matchAll would be quadratic; default `text.matchAll(regex)`. */
  matches?: (text: string) => Iterable<RegExpExecArray>;
  /** The number as digits, from the number as typed; default: the digits, commas left out. */
  value?: (typed: string) => string;
}


/** 1187, 1,187 (thousands grouped: read as 1187) or 1187.5 (a decimal, rejected as a reading later). */
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?`;

/** Patterns in order of precedence: a later pattern never takes a span an earlier one took. */
function patterns(markers: Vocabulary['markers']): Pattern[] {
  const num = `(${NUMBER})`;
  const unit = '(?:m3|m³|㎥|立米|立方)';
  return [
    { role: 'ignored', regex: /(?<![\d-])\d{2,5}-\d{1,4}-\d{3,4}(?![\d-])/g }, // phone numbers
    { role: 'taskRef', regex: /(?<![\d-])(\d{8}-\d{1,4})(?![\d-])/g }, // 20260327-0031
    { role: 'ignored', regex: /(?<!\d)\d{1,2}:\d{2}(?!\d)/g }, // times
    ...quantityPatterns(markers),
    {
      role: 'meterNumber',
      regex: new RegExp(String.raw`(?:${alternatives(markers.meterNumber)})\s*[:=]?\s*([a-z]*\d[a-z0-9-]*)`, 'g'),
    },
    { role: 'diameter', regex: new RegExp(String.raw`(?:${alternatives(markers.diameter)})\s*[:=]?\s*(\d+)`, 'g') },
    { role: 'diameter', regex: /(?<![\d.])(\d+)\s*(?:φ|ф|mm|㎜|みり)/g },
    {
      // 指針千百八十七, 指針2千250: kanji numerals only after a reading marker, never followed by another kanji (指針一致).
      role: 'reading',
      regex: new RegExp(String.raw`(?:${alternatives(markers.reading)})\s*(?:は|が|:|=)?\s*(${KANJI_NUMBER})(?:\s*${unit})?(?![\u4e00-\u9fff])`, 'g'),
      value: kanjiNumberValue,
    },
    {
      // 指針せんにひゃく, 指針いちいちはちなな (voice input): kana numerals only after a reading marker, ending a phrase.
      role: 'reading',
      regex: new RegExp(String.raw`(?:${alternatives(markers.reading)})\s*(?:は|が|:|=)?\s*(${SPOKEN_NUMBER})(?:\s*${unit})?(?=$|[\s、。,.!！?？]|です|でした|って|くらい|ぐらい)`, 'g'),
      value: spokenNumberValue,
    },
    {
      // ゼロゼロ五一, ぜろぜろごじゅういち (voice input): an order number led by zero words, first in the message or marked.
      role: 'taskRef',
      regex: new RegExp(String.raw`(?:^\s*|(?<![a-z])(?:${alternatives(markers.taskRef)})\s*[:=]?\s*)(${SPOKEN_ORDER_NUMBER})`, 'g'),
      value: spokenNumberValue,
    },
    {
      role: 'reading',
      regex: new RegExp(String.raw`(?:${alternatives(markers.reading)})\s*(?:は|が|:|=)?\s*([-−]|まいなす)?\s*${num}(?:\s*${unit})?`, 'g'),
    },
    { role: 'reading', regex: new RegExp(String.raw`(?<![\d.])${num}\s*${unit}`, 'g'), matches: unitNumberMatches(unit) },
    {
      role: 'taskRef',
      regex: new RegExp(String.raw`(?<![a-z])(?:${alternatives(markers.taskRef)})\s*[:=]?\s*(\d+)(?![\d.])`, 'g'),
    },
    { role: 'taskRef', regex: /(?<![\d.])(\d+)\s*番(?!号)/g },
    { role: 'ignored', regex: /(?<![\d.])\d+(?:\.\d+)?\s*(?:時|分|秒|件|本|個|円|回|日|月|年|枚|台|階|km|cm|%)/g },
    { role: 'bare', regex: new RegExp(NUMBER, 'g') },
  ];
}

const cache = new WeakMap<Vocabulary['markers'], Pattern[]>();

/** Every number of the reply, each with the role its marker gives it, in text order. */
export function findNumbers(folded: string, text: string, markers: Vocabulary['markers']): NumberToken[] {
  let list = cache.get(markers);
  if (!list) cache.set(markers, (list = patterns(markers)));
  const found: NumberToken[] = [];
  const taken = new Uint8Array(folded.length); // positions of the tokens found so far
  for (const { role, item, regex, matches, value } of list) {
    for (const m of matches ? matches(folded) : folded.matchAll(regex)) {
      const start = m.index;
      const end = start + m[0].length;
      if (takenIn(taken, start, end)) continue;
      taken.fill(1, start, end);
      const token: NumberToken = { role, start, end, value: value ? value(valueOf(m, text, role)) : valueOf(m, text, role), negative: isNegative(m) };
      found.push(item ? { ...token, item } : token);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** One pattern's matches never overlap each other, so checking them costs at most the text's length per pattern. */
function takenIn(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i] === 1) return true;
  return false;
}

function valueOf(m: RegExpMatchArray, text: string, role: NumberRole): string {
  const group = m.length > 1 ? (m[m.length - 1] ?? m[0]) : m[0];
  if (role !== 'meterNumber') return group.replace(/,/g, '');
  const at = m.index! + m[0].lastIndexOf(group);
  return text.slice(at, at + group.length); // meter numbers keep their case (M66126116)
}

function isNegative(m: RegExpMatchArray): boolean {
  return m.length > 2 && m[1] !== undefined;
}
