import { compactView } from './reply-text.ts';
import { longestPhraseAt, type PhraseIndex, type ShortSignal, type Signal } from './reply-vocabulary.ts';

/** A span of the reply, as indexes into `folded` (and `text`). */
export interface Span {
  start: number;
  end: number;
}

export interface PhraseHit<S> extends Span {
  signal: S;
}

const overlaps = (a: Span, spans: readonly Span[]): boolean => spans.some((b) => a.start < b.end && b.start < a.end);

/** Vocabulary phrases of the reply, longest first at each position, ignoring spaces, never inside `taken`. */
export function scanPhrases(folded: string, index: PhraseIndex<Signal>, taken: readonly Span[]): PhraseHit<Signal>[] {
  const view = compactView(folded);
  const hits: PhraseHit<Signal>[] = [];
  let at = 0;
  while (at < view.chars.length) {
    const entry = longestPhraseAt(index, view.chars, at);
    const span = entry && { start: view.index[at] as number, end: (view.index[at + entry.phrase.length - 1] as number) + 1 };
    if (entry && span && !overlaps(span, taken)) {
      hits.push({ ...span, signal: entry.signal });
      at += entry.phrase.length;
    } else {
      at += 1;
    }
  }
  return hits;
}

const NOT_WORDS = /[\p{P}\p{S}\s]/gu;

/**
 * Reads a message made only of short-reply words (はい、合ってます / 残りは? / ヘルプ): the signals
 * found, fillers left out; null when some part of the message is not such a word.
 */
export function coverShortReply(folded: string, index: PhraseIndex<ShortSignal>): ShortSignal[] | null {
  const chars = folded.replace(NOT_WORDS, '');
  if (!chars) return null;
  const signals: ShortSignal[] = [];
  for (let at = 0; at < chars.length; ) {
    const entry = longestPhraseAt(index, chars, at);
    if (!entry) return null;
    if (entry.signal !== 'filler') signals.push(entry.signal);
    at += entry.phrase.length;
  }
  return signals;
}

/** はい / 違う at the very start of a longer message (違う 指針1178): the word and its span. */
export function leadingShortWord(folded: string, index: PhraseIndex<ShortSignal>): PhraseHit<'confirm' | 'deny'> | null {
  const view = compactView(folded);
  const entry = longestPhraseAt(index, view.chars, 0);
  if (!entry || (entry.signal !== 'confirm' && entry.signal !== 'deny')) return null;
  const end = (view.index[entry.phrase.length - 1] as number) + 1;
  if (/^[a-z]+$/.test(entry.phrase) && /[a-z0-9.#]/.test(folded[end] ?? '')) return null; // "no.12" is not "no"
  return { start: view.index[0] as number, end, signal: entry.signal };
}

/** Index of the first character that is not a space, a sign or inside `skip`; null if there is none. */
export function firstMeaningfulIndex(folded: string, skip: readonly Span[]): number | null {
  for (let i = 0; i < folded.length; i++) {
    if (/[\p{P}\p{S}\s]/u.test(folded[i] as string)) continue;
    if (skip.some((s) => i >= s.start && i < s.end)) continue;
    return i;
  }
  return null;
}

/** Where the reply's opening ends: spaces, signs and the given spans (greeting, 疑義, order reference) skipped. */
export function endOfOpening(folded: string, spans: readonly Span[]): number {
  let i = 0;
  while (i < folded.length) {
    const span = spans.find((s) => s.start === i);
    if (span) i = span.end;
    else if (/[\p{P}\p{S}\s]/u.test(folded[i] as string)) i += 1;
    else break;
  }
  return i;
}

/** `text` without the given spans, spaces collapsed, signs trimmed from both ends; null if nothing is left. */
export function textWithout(text: string, spans: readonly Span[]): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) out += spans.some((s) => i >= s.start && i < s.end) ? ' ' : text[i];
  const cleaned = out
    .replace(/\s+/g, ' ')
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '')
    .trim();
  return cleaned || null;
}
