/**
 * The workers' end-of-day chat commands, as typed on a phone:
 *   伝達 0012 犬がいるので注意   伝達 明日は車両点検のため…      → HandoverNote (order optional)
 *   駐車 0012 500円   駐車 500   駐車 0012 1,200円 コインパーキング → ParkingFee (order and note optional)
 * Text is width-folded first (NFKC), so ５００ and ００１２ read as 500 and 0012.
 */
import { KANJI_NUMBER, kanjiNumberValue } from '../numbers/kanji-number.ts';

export const HANDOVER_WORDS = ['伝達事項', '伝達'] as const;
export const PARKING_WORDS = ['駐車場代', '駐車料金', '駐車代', '駐車場', '駐車'] as const;

/** Upper bound of one parking fee: a typo (50000 for 500) is refused rather than reimbursed. */
export const MAX_PARKING_YEN = 20_000;

export type HandoverCommand = { orderRef: string | null; text: string };
export type ParkingRefusal = 'noAmount' | 'badAmount' | 'notPositive' | 'tooLarge';
export type ParkingCommand =
  | { ok: true; orderRef: string | null; amountYen: number; note: string | null }
  | { ok: false; reason: ParkingRefusal; orderRef: string | null };

const ORDER_REF = /^(\d{8}-\d{1,4}|\d{1,4})$/;
/** Numbers only an order reference looks like: 4 digits (0009, 1200), a leading zero (009), or 20260327-0009. */
const ORDER_LIKE = /^(\d{8}-\d{1,4}|\d{4}|0\d{1,3})$/;
const KANJI_AMOUNT = new RegExp(`^${KANJI_NUMBER}$`, 'u');
const MINUS = /^(?:-|−|ー|‐|–|マイナス|△|▲)/u;

/** The text after the command word when `text` starts with one of `words`, else undefined. */
export function afterKeyword(text: string, words: readonly string[]): string | undefined {
  const folded = text.normalize('NFKC').trim();
  const word = words.find((w) => folded.startsWith(w));
  if (!word) return undefined;
  const rest = folded.slice(word.length);
  // 伝達事項 / 駐車場 are words of their own; 駐車違反 is not the parking command.
  if (rest !== '' && !/^[\s:：、,\d]/u.test(rest)) return undefined;
  return rest.replace(/^[\s:：、,]+/u, '').trim();
}

interface YenToken {
  value: number;
  /** Written with 円 or ¥, or with thousands separators: nothing but an amount. */
  marked: boolean;
}

/** 500, 500円, ¥500, 1,200円, ５００, 千五百円, -500 (negative) → yen; undefined when the text is not an amount. */
function yenToken(text: string): YenToken | undefined {
  let folded = text.normalize('NFKC').trim();
  const negative = MINUS.test(folded);
  folded = folded.replace(MINUS, '');
  const yenMark = /^[¥\\]/u.test(folded) || /円$/u.test(folded);
  folded = folded.replace(/^[¥\\]/u, '').replace(/円$/u, '').trim();
  let value: number;
  if (/^\d{1,3}(,\d{3})+$|^\d+$/.test(folded)) value = Number(folded.replace(/,/g, ''));
  else if (KANJI_AMOUNT.test(folded) && /^\d+$/.test(kanjiNumberValue(folded))) value = Number(kanjiNumberValue(folded));
  else return undefined;
  if (!Number.isSafeInteger(value)) return undefined;
  return { value: negative ? -value : value, marked: yenMark || folded.includes(',') || !/^\d+$/.test(folded) };
}

/** The amount in yen (negative or zero as written, for the caller to refuse); undefined when not an amount. */
export function parseYenAmount(text: string): number | undefined {
  return yenToken(text)?.value;
}

const isOrderRef = (token: string) => ORDER_REF.test(token);
const tokensOf = (text: string) => text.split(/\s+/u).filter(Boolean);

/** 伝達 [作業番号] 内容: an order reference only when a leading number is followed by more text. */
export function parseHandover(rest: string): HandoverCommand {
  const tokens = tokensOf(rest);
  if (tokens.length >= 2 && isOrderRef(tokens[0]!)) return { orderRef: tokens[0]!, text: tokens.slice(1).join(' ') };
  return { orderRef: null, text: tokens.join(' ') };
}

/** The order reference leading the command: a number followed by an amount, or one only an order looks like. */
function leadingOrder(tokens: string[]): string | null {
  const first = tokens[0];
  if (first === undefined || yenToken(first)?.marked) return null;
  if (isOrderRef(first) && tokens[1] !== undefined && yenToken(tokens[1]) !== undefined) return first;
  return ORDER_LIKE.test(first) ? first : null;
}

/**
 * 駐車 [作業番号] 金額 [メモ]. An order number (4 digits, 0 first, or 20260327-0009) is never the amount: 「駐車 0009」
 * has no amount. The amount comes first, or right after the order: with 円 (500円, 千五百円) or as a plain number.
 */
export function parseParking(rest: string): ParkingCommand {
  const tokens = tokensOf(rest);
  const orderRef = leadingOrder(tokens);
  const amountAt = orderRef === null ? 0 : 1;
  const amountText = tokens[amountAt];
  if (amountText === undefined) return { ok: false, reason: 'noAmount', orderRef };
  const amount = yenToken(amountText);
  if (amount === undefined) return { ok: false, reason: 'badAmount', orderRef };
  if (amount.value <= 0) return { ok: false, reason: 'notPositive', orderRef };
  if (amount.value > MAX_PARKING_YEN) return { ok: false, reason: 'tooLarge', orderRef };
  const note = tokens.slice(amountAt + 1).join(' ');
  return { ok: true, orderRef, amountYen: amount.value, note: note || null };
}
