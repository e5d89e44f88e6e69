/**
 * The workers' end-of-day chat commands, as typed on a phone:
 *   伝達 0012 犬がいるので注意   伝達 明日は車両点検のため…      → HandoverNote (order optional)
 *   駐車 0012 500円   駐車 500   駐車 0012 1,200円 コインパーキング → ParkingFee (order and note optional)
 * Text is width-folded first (NFKC), so ５００ and ００１２ read as 500 and 0012.
 */
export const HANDOVER_WORDS = ['伝達事項', '伝達'] as const;
export const PARKING_WORDS = ['駐車場代', '駐車料金', '駐車代', '駐車場', '駐車'] as const;

/** Upper bound of one parking fee: a typo (50000 for 500) is refused rather than reimbursed. */
export const MAX_PARKING_YEN = 20_000;

export type HandoverCommand = { orderRef: string | null; text: string };
export type ParkingCommand =
  | { ok: true; orderRef: string | null; amountYen: number; note: string | null }
  | { ok: false; reason: 'noAmount' | 'badAmount' | 'tooLarge' };

const ORDER_REF = /^(\d{8}-\d{1,4}|\d{1,4})$/;

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

/** 500, 500円, ¥500, 1,200円, ５００ → yen; undefined when the text is not an amount. */
export function parseYenAmount(text: string): number | undefined {
  const folded = text.normalize('NFKC').trim().replace(/^[¥\\]/u, '').replace(/円$/u, '').trim();
  if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(folded)) return undefined;
  const value = Number(folded.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

const isOrderRef = (token: string) => ORDER_REF.test(token);
const tokensOf = (text: string) => text.split(/\s+/u).filter(Boolean);

/** 伝達 [作業番号] 内容: an order reference only when a leading number is followed by more text. */
export function parseHandover(rest: string): HandoverCommand {
  const tokens = tokensOf(rest);
  if (tokens.length >= 2 && isOrderRef(tokens[0]!)) return { orderRef: tokens[0]!, text: tokens.slice(1).join(' ') };
  return { orderRef: null, text: tokens.join(' ') };
}

/** 駐車 [作業番号] 金額 [メモ]: two leading amounts-or-numbers mean order then amount. */
export function parseParking(rest: string): ParkingCommand {
  const tokens = tokensOf(rest);
  if (tokens.length === 0) return { ok: false, reason: 'noAmount' };
  const withOrder = tokens.length >= 2 && isOrderRef(tokens[0]!) && parseYenAmount(tokens[1]!) !== undefined;
  const amountText = withOrder ? tokens[1]! : tokens[0]!;
  const amountYen = parseYenAmount(amountText);
  if (amountYen === undefined || amountYen <= 0) return { ok: false, reason: 'badAmount' };
  if (amountYen > MAX_PARKING_YEN) return { ok: false, reason: 'tooLarge' };
  const note = tokens.slice(withOrder ? 2 : 1).join(' ');
  return { ok: true, orderRef: withOrder ? tokens[0]! : null, amountYen, note: note || null };
}
