import { normalizeJapanese } from './natural-ja.ts';

/**
 * A reply prepared for reading. `text` is the normalised message (what reasons and notes are cut
 * from); `folded` has the same length, katakana folded to hiragana and latin lower-cased, and is what
 * patterns and the vocabulary are matched against, so a span found in one is the same span in the other.
 */
export interface ReplyText {
  text: string;
  folded: string;
}

const DASHES = /(\d)\s*[‐‑‒–—―−ー-]\s*(?=\d)/g;

export function prepareReplyText(raw: string): ReplyText {
  const text = normalizeJapanese(raw)
    .replace(/[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(DASHES, '$1-')
    .trim();
  return { text, folded: fold(text) };
}

/** Length-preserving fold: one UTF-16 unit in, one out. */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldUnit(text.charCodeAt(i));
  return out;
}

function foldUnit(code: number): string {
  if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 0x20); // A-Z
  if (code >= 0x30a1 && code <= 0x30f6) return String.fromCharCode(code - 0x60); // ァ-ヶ → ぁ-ゖ
  if (code === 0x03a6) return 'φ';
  if (code === 0x0424) return 'ф';
  return String.fromCharCode(code);
}

/** A phrase of the vocabulary in the form it is matched in: normalised, folded, without spaces. */
export function foldPhrase(phrase: string): string {
  return fold(normalizeJapanese(phrase)).replace(/\s+/g, '');
}

/** `folded` without spaces, with each position's index in `folded` (phrases match across spaces). */
export interface CompactView {
  chars: string;
  index: number[];
}

export function compactView(folded: string): CompactView {
  let chars = '';
  const index: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] === ' ') continue;
    chars += folded[i];
    index.push(i);
  }
  return { chars, index };
}
