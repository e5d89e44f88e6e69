import { METER_DIAMETERS_MM } from '../work-order/task-kind.ts';
import type { ConsumableItem } from './consumable-items.ts';

/** What the bureau supplies: the three consumables, and meters by bore. */
export type SupplyItem = ConsumableItem | 'meter';

/** One line of stock: an item (a meter with its bore; 0 for the consumables). */
export interface StockKey {
  item: SupplyItem;
  diameterMm: number;
}

export interface SupplyLine extends StockKey {
  quantity: number;
}

/** The same 支給 line from the same person within this many minutes is recorded, but the answer says it may be a repeat. */
export const REPEAT_WINDOW_MINUTES = 10;

/** At most this many of one item in one supply: a larger number is a typo. */
export const MAX_SUPPLY_QUANTITY = 100_000;

export type SupplyCommand = { ok: true; line: SupplyLine } | { ok: false; reason: SupplyRefusal };

/** Why a 支給 line is not understood: severalItems = more than one item in one message (one item per message). */
export type SupplyRefusal = 'usage' | 'unknownItem' | 'badQuantity' | 'badUnit' | 'severalItems' | 'badDiameter';

const WORDS: readonly [RegExp, ConsumableItem][] = [
  [/^(?:休止用ピン|ピン|ぴん)/u, 'valvePin'],
  [/^(?:銅線|どうせん)/u, 'copperWire'],
  [/^(?:封印玉|封印|ふういん|シール)/u, 'seal'],
];
const METER = /^(?:メーター|メータ|めーたー|量水器)/u;
const DIAMETER = /^(?:φ|Φ|ф|口径)?\s*(\d+)\s*(?:mm|㎜|ミリ)?/u;
const QUANTITY = /^[:：=]?\s*(\d[\d,]*)/u;
/** The counters a quantity may carry (本/個/枚 and their spoken forms), or none. */
const UNIT = /^\s*(?:本|個口|個|枚|つ|コ|ヶ|巻)/u;
const SEPARATOR = /^[\s、,・]*/u;
const SUPPLY_WORD = /^(?:支給|しきゅう)\s*(.*)$/su;
const STOCK_WORDS = ['在庫', 'ざいこ', '在庫確認', '在庫は', '材料在庫'];

/** 「支給 …」: the rest after the word, or undefined when the message is not a supply. */
export function afterSupplyWord(text: string): string | undefined {
  const m = SUPPLY_WORD.exec(text.normalize('NFKC').trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

/** 「在庫」「在庫?」: the stock on hand. */
export function isStockRequest(text: string): boolean {
  const word = text.normalize('NFKC').trim().replace(/[?？\s]+$/u, '');
  return STOCK_WORDS.includes(word);
}

/**
 * The rest of 「支給 ピン 100」「支給 ピン100本」「支給 銅線 20」「支給 封印玉 50個」「支給 メーター φ13 10」 (full-width
 * digits are folded): one item and its quantity.
 */
export function parseSupply(rest: string): SupplyCommand {
  const text = rest.normalize('NFKC').trim();
  if (!text) return { ok: false, reason: 'usage' };
  const meter = METER.exec(text);
  if (meter) return meterSupply(text.slice(meter[0].length).trim());
  const word = WORDS.find(([re]) => re.test(text));
  if (!word) return { ok: false, reason: 'unknownItem' };
  const after = text.replace(word[0], '').trim();
  return withQuantity({ item: word[1], diameterMm: 0 }, after);
}

function meterSupply(after: string): SupplyCommand {
  const d = DIAMETER.exec(after);
  if (!d || d[0].trim() === '') return { ok: false, reason: 'badDiameter' };
  const mm = Number(d[1]);
  if (!(METER_DIAMETERS_MM as readonly number[]).includes(mm)) return { ok: false, reason: 'badDiameter' };
  return withQuantity({ item: 'meter', diameterMm: mm }, after.slice(d[0].length).trim());
}

function withQuantity(key: StockKey, after: string): SupplyCommand {
  const q = QUANTITY.exec(after);
  if (!q) return { ok: false, reason: after ? 'badQuantity' : 'usage' };
  const quantity = Number((q[1] ?? '').replace(/,/g, ''));
  if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > MAX_SUPPLY_QUANTITY) return { ok: false, reason: 'badQuantity' };
  let tail = after.slice(q[0].length);
  if (/^\s*[.\d]/u.test(tail)) return { ok: false, reason: 'badQuantity' };
  tail = tail.replace(UNIT, '');
  const next = tail.replace(SEPARATOR, '');
  if (next === '') return { ok: true, line: { ...key, quantity } };
  return { ok: false, reason: startsWithItem(next) ? 'severalItems' : 'badUnit' };
}

const startsWithItem = (text: string): boolean => METER.test(text) || WORDS.some(([re]) => re.test(text));
