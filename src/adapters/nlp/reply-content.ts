import { normalizeJapanese, tokenizeJapanese } from './natural-ja.ts';
import { fold } from './reply-text.ts';

/** Letters, kana and kanji: the tokenizer never strips them as punctuation, and they are neither signs nor digits. */
const WORD_UNIT = /[a-zA-Z\u3041-\u3096\u30a1-\u30f6\u4e00-\u9fff]/;
const SIGNS_OR_DIGITS = /^[\p{P}\p{S}\d]+$/u;

const unitsCache = new WeakMap<Set<string>, Set<string>>();

/**
 * Whether `rest` has a word that carries content: a token of the Japanese tokenizer that is not one
 * of `particles` (folded) and not only signs and digits.
 *
 * The tokenizer (TinySegmenter, ~1 µs a character) runs only when the answer is not plain without
 * it: the tokenizer splits normalizeJa(rest), which normalizeJapanese gives exactly; a letter, kana
 * or kanji there that occurs in no particle lies in some token, and that token is content.
 */
export function hasContentWords(rest: string, particles: Set<string>): boolean {
  let units = unitsCache.get(particles);
  if (!units) unitsCache.set(particles, (units = new Set([...particles].flatMap((p) => [...p]))));
  const split = normalizeJapanese(rest);
  for (let i = 0; i < split.length; i++) {
    const unit = split[i] as string;
    if (WORD_UNIT.test(unit) && !units.has(fold(unit))) return true;
  }
  return tokenizeJapanese(rest).some((token) => !particles.has(fold(token)) && !SIGNS_OR_DIGITS.test(token));
}
