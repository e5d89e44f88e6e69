/**
 * Kanji and mixed numerals as a worker dictates a reading (千百八十七, 二千二百五十, 2千250, 一一八七).
 * The reply parser reads them only after a reading marker (src/adapters/nlp/reply-numbers.ts): 一 or 十 elsewhere
 * are words (一致, 十分). Also used for amounts in yen (千五百円).
 */
const DIGITS = '〇零一二三四五六七八九';
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** One or more numeral characters, at least one of them kanji. */
export const KANJI_NUMBER = String.raw`[0-9〇零一二三四五六七八九十百千万]*[〇零一二三四五六七八九十百千万][0-9〇零一二三四五六七八九十百千万]*`;

const digitOf = (ch: string): number | null => {
  if (ch >= '0' && ch <= '9') return Number(ch);
  const at = DIGITS.indexOf(ch);
  return at < 0 ? null : Math.max(0, at - 1);
};

/**
 * The numeral as digits ('1187'); the numeral as typed when it is not well formed (千千, 十百), which the
 * reading then rejects as not an integer rather than guessing.
 */
export function kanjiNumberValue(typed: string): string {
  let total = 0; // whole 万 sections
  let section = 0; // below 万
  let digits: number | null = null; // the digit run being read
  let lastUnit = Infinity; // the last 十/百/千 of the section: each must be smaller than the one before
  for (const ch of typed) {
    const d = digitOf(ch);
    if (d !== null) {
      digits = (digits ?? 0) * 10 + d;
      continue;
    }
    if (ch === '万') {
      if (total > 0 || (section === 0 && digits === null)) return typed;
      total = (section + (digits ?? 0)) * 10_000;
      [section, digits, lastUnit] = [0, null, Infinity];
      continue;
    }
    const unit = UNITS[ch] as number;
    if (unit >= lastUnit || (digits !== null && digits > 9)) return typed;
    section += (digits ?? 1) * unit;
    [digits, lastUnit] = [null, unit];
  }
  if (digits !== null && lastUnit !== Infinity && digits >= lastUnit) return typed; // 千1500
  return String(total + section + (digits ?? 0));
}
