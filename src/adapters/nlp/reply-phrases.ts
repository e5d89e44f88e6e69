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

/**
 * The positions of a text of `length` units covered by any of `spans`, built in one pass (a
 * difference array): checking every span for every position made long messages quadratic.
 */
export class SpanMask {
  /** prefix[i]: how many of the positions before i are covered (one array: first the span starts and ends, then this). */
  private readonly prefix: Int32Array;

  constructor(length: number, spans: readonly Span[]) {
    const prefix = new Int32Array(length + 1);
    for (const { start, end } of spans) {
      const from = Math.max(0, start);
      const to = Math.min(length, end);
      if (from >= to) continue;
      prefix[from] = (prefix[from] as number) + 1;
      prefix[to] = (prefix[to] as number) - 1;
    }
    let depth = 0;
    let covered = 0;
    for (let i = 0; i < length; i++) {
      depth += prefix[i] as number;
      prefix[i] = covered;
      if (depth > 0) covered += 1;
    }
    prefix[length] = covered;
    this.prefix = prefix;
  }

  has(i: number): boolean {
    return (this.prefix[i + 1] as number) > (this.prefix[i] as number);
  }

  /** Whether any position of [start, end) is covered. */
  overlaps({ start, end }: Span): boolean {
    const from = Math.max(0, start);
    const to = Math.min(this.prefix.length - 1, end);
    return from < to && (this.prefix[to] as number) > (this.prefix[from] as number);
  }
}

/** Vocabulary phrases of the reply, longest first at each position, ignoring spaces, never inside `taken`. */
export function scanPhrases(folded: string, index: PhraseIndex<Signal>, taken: readonly Span[]): PhraseHit<Signal>[] {
  const view = compactView(folded);
  const mask = new SpanMask(folded.length, taken);
  const hits: PhraseHit<Signal>[] = [];
  let at = 0;
  while (at < view.chars.length) {
    const entry = longestPhraseAt(index, view.chars, at);
    if (entry) {
      // One literal object: a spread ({ ...span, signal }) cost microseconds a hit, most of a long message's parse.
      const hit = { start: view.index[at] as number, end: (view.index[at + entry.phrase.length - 1] as number) + 1, signal: entry.signal };
      if (!mask.overlaps(hit)) {
        hits.push(hit);
        at += entry.phrase.length;
        continue;
      }
    }
    at += 1;
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
  const mask = new SpanMask(folded.length, skip);
  for (let i = 0; i < folded.length; i++) {
    if (SIGN_OR_SPACE.test(folded[i] as string)) continue;
    if (mask.has(i)) continue;
    return i;
  }
  return null;
}

/** Where the reply's opening ends: spaces, signs and the given spans (greeting, 疑義, order reference) skipped. */
export function endOfOpening(folded: string, spans: readonly Span[]): number {
  const endAt = new Map<number, number>(); // the first span (in the given order) starting at each index
  for (const s of spans) if (!endAt.has(s.start)) endAt.set(s.start, s.end);
  let i = 0;
  while (i < folded.length) {
    const end = endAt.get(i);
    if (end !== undefined) i = end;
    else if (SIGN_OR_SPACE.test(folded[i] as string)) i += 1;
    else break;
  }
  return i;
}

/** `text` without the given spans, spaces collapsed, signs trimmed from both ends; null if nothing is left. */
export function textWithout(text: string, spans: readonly Span[]): string | null {
  const mask = new SpanMask(text.length, spans);
  const units: string[] = [];
  for (let i = 0; i < text.length; i++) units.push(mask.has(i) ? ' ' : (text[i] as string));
  const cleaned = trimSigns(units.join('').replace(/\s+/g, ' ')).trim();
  return cleaned || null;
}

const SIGN_OR_SPACE = /[\p{P}\p{S}\s]/u;
const LEADING_SIGNS = /^[\p{P}\p{S}\s]+/u;

/**
 * Signs and spaces trimmed from both ends, by code point. (The regex /[…]+$/ tries every run of signs
 * inside the text up to its end: quadratic on a long run.)
 */
export function trimSigns(text: string): string {
  const start = LEADING_SIGNS.exec(text)?.[0].length ?? 0;
  let end = text.length;
  while (end > start) {
    const low = text.charCodeAt(end - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && end - 2 >= start && isHighSurrogate(text.charCodeAt(end - 2));
    const from = pair ? end - 2 : end - 1;
    if (!SIGN_OR_SPACE.test(text.slice(from, end))) break;
    end = from;
  }
  return text.slice(start, end);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
