import { kanjiNumberValue } from '../../domain/numbers/kanji-number.ts';

/**
 * Numbers as voice input writes them (ゼロゼロ五一, ぜろぜろごじゅういち, せんにひゃく), matched in the folded text
 * (katakana already hiragana). Hiragana numerals are everyday words too (に, さん, ご): the reply parser reads them only
 * where a number is expected for sure: a run starting with a zero word at the start of the message or after an order
 * marker (an order number, 0051), or right after a reading marker and followed by the end of a phrase.
 */
const WORDS: Record<string, string> = {
  ぜろ: '〇', れい: '〇', まる: '〇', 〇: '〇', 零: '〇',
  いち: '一', 一: '一', に: '二', 二: '二', さん: '三', 三: '三', よん: '四', 四: '四', ご: '五', 五: '五',
  ろく: '六', 六: '六', なな: '七', しち: '七', 七: '七', はち: '八', 八: '八', きゅう: '九', 九: '九',
  じゅう: '十', 十: '十', ひゃく: '百', びゃく: '百', ぴゃく: '百', 百: '百', せん: '千', ぜん: '千', 千: '千',
};
const ZEROS = ['ぜろ', 'れい', 'まる', '〇', '零'];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (words: string[]): string => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

/** One numeral word (ー after a word is voice input's long vowel: ごー, にー). */
export const SPOKEN_WORD = `(?:${longestFirst(Object.keys(WORDS))})ー?`;
/** A run of numeral words starting with a zero word (an order number: ぜろぜろごいち), spaces allowed between. */
export const SPOKEN_ORDER_NUMBER = `(?:${longestFirst(ZEROS)})(?:\\s*${SPOKEN_WORD})+`;
/** A run of numeral words with at least one kana word (kanji-only runs are read by KANJI_NUMBER). */
export const SPOKEN_NUMBER = `(?:${SPOKEN_WORD}\\s*)*(?:${longestFirst(Object.keys(WORDS).filter((w) => /[\u3041-\u3096]/.test(w)))})ー?(?:\\s*${SPOKEN_WORD})*`;

const TOKEN = new RegExp(longestFirst(Object.keys(WORDS)), 'y');

/** The numeral words as kanji numerals, or null when the run is not made of numeral words only. */
function asKanji(spoken: string): string | null {
  const text = spoken.replace(/[\sー]/g, '');
  let out = '';
  for (let at = 0; at < text.length; ) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return null;
    out += WORDS[m[0]];
    at += m[0].length;
  }
  return out;
}

/**
 * The digits of a spoken number: leading zero words are kept as zeros (ぜろぜろごじゅういち → 0051), the rest read as a
 * kanji numeral (五十一 → 51; 五一 → 51 digit by digit). The run as typed when it is not well formed.
 */
export function spokenNumberValue(spoken: string): string {
  const kanji = asKanji(spoken);
  if (kanji === null) return spoken;
  const zeros = /^〇*/.exec(kanji)?.[0].length ?? 0;
  const rest = kanji.slice(zeros);
  if (rest === '') return '0'.repeat(zeros);
  const value = kanjiNumberValue(rest);
  return /^\d+$/.test(value) ? '0'.repeat(zeros) + value : spoken;
}
