/**
 * The parts of `natural` the reply parser uses, imported by file path: importing the package index
 * loads every module (dotenv with its start-up banner, wordnet, classifiers: ~50 MB of heap), these
 * two cost ~0.3 MB and print nothing.
 */
import { normalizeJa } from 'natural/lib/natural/normalizers/normalizer_ja.js';
import TokenizerJa from 'natural/lib/natural/tokenizers/tokenizer_ja.js';

const tokenizer = new TokenizerJa();

/**
 * Text normalizeJa returns unchanged: printable ASCII, 、。, hiragana, full-width katakana, ー and
 * common kanji, except its one multi-character fix made of these (っな → んな). normalizeJa rebuilds
 * its regular expressions on every call (~0.2 ms, most of a parse); such text skips it. The
 * shortcut is checked against normalizeJa itself in test/unit/adapters/nlp/natural-ja.test.ts.
 */
export const NORMALIZED_ALREADY = /^[\x20-\x7e\u3001\u3002\u3041-\u3096\u30a1-\u30f6\u30fc\u4e00-\u9fff]*$/;
const KANA_FIX = /[っッ][なにぬねのナニヌネノ]/;

/** Full-width digits/latin to half-width, half-width katakana to full-width, 々 expanded, ㍉-style symbols spelled out. */
export function normalizeJapanese(text: string): string {
  return NORMALIZED_ALREADY.test(text) && !KANA_FIX.test(text) ? text : normalizeJa(text);
}

/** TinySegmenter word split (digits come out one per token: read numbers from the text instead). */
export function tokenizeJapanese(text: string): string[] {
  return tokenizer.tokenize(text);
}
