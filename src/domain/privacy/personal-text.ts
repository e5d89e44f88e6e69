import { toHalfWidthAscii } from '../work-order/normalize-value.ts';
import { kanaKey, type KanaKey } from './kana-key.ts';
import { foldNameVariants, type FoldedText } from './name-variants.ts';
import { hepburn, ROMAJI_WORD, romajiKey } from './romaji.ts';
import { allows, type Audience, type ChatPrivacyPolicy, type OrderFieldClass } from './chat-policy.ts';

/**
 * Personal data typed into free text (result notes, 未実施 reasons, doubts, incidents, handover notes, parking
 * notes): Japanese phone numbers, the bureau's customer numbers (10 digits) and the customer's name of the orders the
 * text is about. Pure: the caller says which customers are known; nothing is looked up.
 */
export type PersonalTextKind = 'phone' | 'customerNumber' | 'customerName';

export interface PersonalSpan {
  start: number;
  end: number;
  kind: PersonalTextKind;
}

/** A customer the text may name (WorkOrder.customerNumber, WorkOrder.customerName, WorkOrder.customerNameKana). */
export interface KnownCustomer {
  customerNumber?: string | null;
  customerName?: string | null;
  /** The name's reading as the billing export gives it (full- or half-width katakana, or hiragana). */
  customerNameKana?: string | null;
}

export type MaskLabels = Record<PersonalTextKind, string>;

/** Dash-like characters people type between digit groups (IME long vowel mark, hyphens, dashes). */
const DASHES = /[\u30fc\u2010\u2011\u2012\u2013\u2014\u2015\uff70\u2500]/g;

/** Same length as the input (every replacement is one UTF-16 unit for one), so offsets stay valid. */
function normalized(text: string): string {
  return toHalfWidthAscii(text).replace(DASHES, '-');
}

/** A digit group must not continue a code, a number or an order number (e.g. M66126116, 20260327-0012, 1.5). */
const BEFORE = '(?<![0-9A-Za-z.\\-])';
const AFTER = '(?![0-9A-Za-z.]|-[0-9])';
const SEP = '[- ]?';

/**
 * 076-123-4567, 090 1234 5678, (076)123-4567, 0761234567: 10 or 11 digits starting with 0 and a non-zero digit.
 * Separators are one hyphen or space between groups; the digit count is checked after the match.
 */
const PHONE = new RegExp(`${BEFORE}(?:\\(0[1-9]\\d{0,3}\\)\\s?|0[1-9]\\d{0,3}${SEP})\\d{1,4}${SEP}\\d{3,4}${AFTER}`, 'g');
/** 10 digits not starting with 0: the bureau's customer number (お客さま番号) as exported. */
const CUSTOMER_NUMBER = new RegExp(`${BEFORE}[1-9]\\d{9}${AFTER}`, 'g');

const digitsOf = (s: string) => s.replace(/\D/g, '');

function matches(re: RegExp, text: string, kind: PersonalTextKind, accept: (m: string) => boolean = () => true): PersonalSpan[] {
  const out: PersonalSpan[] = [];
  for (const m of text.matchAll(re)) {
    if (accept(m[0])) out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The known number with or without a hyphen or space between any of its digits. */
function knownNumberPattern(number: string): RegExp | null {
  const digits = digitsOf(normalized(number));
  if (digits.length < 6) return null; // too short to tell from a reading or a count
  return new RegExp(`${BEFORE}${digits.split('').join(SEP)}${AFTER}`, 'g');
}

/** The parts of a registered name or reading (split on spaces); the first is the surname when there are two or more. */
function nameParts(name: string): string[] {
  return name.trim().split(/\s+/).filter((p) => p.length > 0);
}

/**
 * Honorifics that make a bare surname a person (山田さん, 山田 様, ヤマダｻﾝ, 山田氏). Without one, a surname alone is not
 * masked: 山崎 is also a place, 田中 a part of an address, and the worker's own words must stay readable.
 */
const HONORIFIC = '\\s*(?:様|さま|さん|サマ|サン|ｻﾏ|ｻﾝ|氏|殿)';
/** The same on text folded to hiragana by kanaKey (サン, ｻﾝ are さん there). */
const KANA_HONORIFIC = '\\s*(?:様|さま|さん|氏|殿)';
/** A romaji surname's honorific: Murata-san, murata sama, murata様. */
const ROMAJI_HONORIFIC = new RegExp(`^(?:[\\s-]*(?:san|sama|shi|dono)(?![A-Za-z])|${HONORIFIC})`, 'i');

function spansOf(folded: { text: string; from: number[] }, pattern: RegExp): PersonalSpan[] {
  return [...folded.text.matchAll(pattern)].map((m) => ({
    start: folded.from[m.index] as number,
    end: folded.from[m.index + m[0].length] as number,
    kind: 'customerName' as const,
  }));
}

/**
 * The registered name in kanji: 石川 大輔 as 石川大輔, 石川 大輔, 石川　大輔 (full-width space is normalised to a space
 * first), variant kanji folded on both sides (山﨑 翔 is found as 山崎翔; name-variants.ts), the span mapped back to the
 * text as typed. The surname alone (the part before the space) only when an honorific follows it (山田さん → [氏名]さん);
 * a surname of one character not right after another kanji (customer 田 is not found in 山田さん).
 */
function kanjiSpans(folded: FoldedText, name: string): PersonalSpan[] {
  const parts = nameParts(foldNameVariants(normalized(name)).text);
  if (parts.length === 0) return [];
  const out: PersonalSpan[] = [];
  if (parts.join('').length >= 2) out.push(...spansOf(folded, new RegExp(parts.map(escape).join('\\s*'), 'g')));
  const surname = parts[0] as string;
  if (parts.length >= 2) {
    const notInWord = surname.length === 1 ? '(?<!\\p{Script=Han})' : '';
    out.push(...spansOf(folded, new RegExp(`${notInWord}${escape(surname)}(?=${HONORIFIC})`, 'gu')));
  }
  return out;
}

/**
 * The name's reading typed in kana: katakana or hiragana, full- or half-width, with or without spaces between the
 * parts. Matched on the text folded to hiragana (kanaKey), the spans mapped back to the text as typed. A reading
 * shorter than 3 kana is not looked for (too many words share it); the surname's reading alone only with an honorific
 * (ヤマダさん) and when it has 2 kana or more.
 */
function kanaSpans(folded: KanaKey, kana: string): PersonalSpan[] {
  const parts = nameParts(kanaKey(kana).text);
  const out: PersonalSpan[] = [];
  if (parts.join('').length >= 3) out.push(...spansOf(folded, new RegExp(parts.map(escape).join('\\s*'), 'g')));
  const surname = parts[0] as string;
  if (parts.length >= 2 && surname.length >= 2) out.push(...spansOf(folded, new RegExp(`${escape(surname)}(?=${KANA_HONORIFIC})`, 'g')));
  return out;
}

interface RomajiWord {
  start: number;
  end: number;
  key: string;
}

/**
 * The name's reading typed in romaji (romaji.ts), as whole words: the full name in either order (Murata Yumi, yumi
 * murata, murata yumi as one word muratayumi), or the surname followed by an honorific (Murata-san, murataさん).
 */
function romajiSpans(text: string, words: readonly RomajiWord[], kana: string): PersonalSpan[] {
  const parts = nameParts(kanaKey(kana).text);
  if (parts.join('').length < 3) return [];
  const keys = parts.map((p) => hepburn(p));
  if (keys.some((k) => k === null)) return [];
  const [surname, ...given] = (keys as string[]).map(romajiKey);
  const full = romajiKey((keys as string[]).join(''));
  const out: PersonalSpan[] = [];
  const span = (a: RomajiWord, b: RomajiWord) => ({ start: a.start, end: b.end, kind: 'customerName' as const });
  for (const [i, w] of words.entries()) {
    const next = words[i + 1];
    const adjacent = next !== undefined && /^\s+$/.test(text.slice(w.end, next.start));
    if (w.key === full) out.push(span(w, w));
    else if (given.length === 1 && adjacent && ((w.key === surname && next.key === given[0]) || (w.key === given[0] && next.key === surname))) {
      out.push(span(w, next));
    } else if (given.length > 0 && (surname as string).length >= 2 && w.key === surname && ROMAJI_HONORIFIC.test(text.slice(w.end))) {
      out.push(span(w, w));
    }
  }
  return out;
}

function knownSpans(text: string, known: readonly KnownCustomer[]): PersonalSpan[] {
  const out: PersonalSpan[] = [];
  let variants: FoldedText | undefined;
  let kana: KanaKey | undefined;
  let words: RomajiWord[] | undefined;
  for (const k of known) {
    if (k.customerNameKana) {
      out.push(...kanaSpans((kana ??= kanaKey(text)), k.customerNameKana));
      words ??= [...text.matchAll(ROMAJI_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, key: romajiKey(m[0]) }));
      if (words.length > 0) out.push(...romajiSpans(text, words, k.customerNameKana));
    }
    const number = k.customerNumber ? knownNumberPattern(k.customerNumber) : null;
    if (number) out.push(...matches(number, text, 'customerNumber'));
    if (k.customerName) out.push(...kanjiSpans((variants ??= foldNameVariants(text)), k.customerName));
  }
  return out;
}

/** Earlier spans win; of two starting together, the first found (known customers before patterns). */
function withoutOverlaps(spans: PersonalSpan[]): PersonalSpan[] {
  const ordered = spans.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || a.i - b.i);
  const out: PersonalSpan[] = [];
  for (const { s } of ordered) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) continue;
    out.push(s);
  }
  return out;
}

/** The personal data in a free text, in text order, without overlaps. */
export function findPersonalData(text: string, known: readonly KnownCustomer[] = []): PersonalSpan[] {
  if (!text) return [];
  const n = normalized(text);
  const phoneDigits = (m: string) => digitsOf(m).length === 10 || digitsOf(m).length === 11;
  return withoutOverlaps([
    ...knownSpans(n, known),
    ...matches(PHONE, n, 'phone', phoneDigits),
    ...matches(CUSTOMER_NUMBER, n, 'customerNumber'),
  ]);
}

/** The text with each span replaced by its label (e.g. 「[電話番号]」). */
export function maskSpans(text: string, spans: readonly PersonalSpan[], labels: MaskLabels): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + labels[span.kind];
    at = span.end;
  }
  return out + text.slice(at);
}

/** Every personal span masked: for PDFs, the audit trail and anything without an audience. */
export function maskPersonalData(text: string, known: readonly KnownCustomer[], labels: MaskLabels): string {
  return maskSpans(text, findPersonalData(text, known), labels);
}

const FIELD_OF: Record<PersonalTextKind, OrderFieldClass> = { phone: 'phone', customerNumber: 'customerNumber', customerName: 'customerName' };

/** The text as an audience may see it under the chat privacy policy: spans it may not see are masked. */
export function personalTextFor(
  text: string,
  known: readonly KnownCustomer[],
  policy: ChatPrivacyPolicy,
  audience: Audience,
  labels: MaskLabels,
): string {
  const hidden = findPersonalData(text, known).filter((s) => !allows(policy, FIELD_OF[s.kind], audience));
  return maskSpans(text, hidden, labels);
}
