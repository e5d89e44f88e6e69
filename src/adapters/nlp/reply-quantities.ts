import { CONSUMABLE_ITEMS, MAX_QUANTITY_PER_VISIT, type ConsumableItem, type ConsumableQuantities } from '../../domain/consumables/consumable-items.ts';
import type { AmbiguityCode, ReplyFact } from '../../domain/replies/parsed-reply.ts';
import { alternatives, type NumberToken } from './reply-numbers.ts';
import type { Vocabulary } from './reply-vocabulary.ts';

/** A counter word after a quantity (本, 個, つ, コ; ヶ folded to ゖ). */
const COUNTER = '(?:本|個|つ|こ|ゖ|け|巻)';
/** 銅線なし, 銅線は無し, 銅線ゼロ: none used. Pins and seals have their negation in the vocabulary (ピンなし: denied fact). */
const NONE = '(?:なし|無し|無|ぜろ|使わず|未使用|不使用|使用せず)';

/**
 * The quantity patterns of reply-numbers.ts, one per consumable: the marker, a particle or sign, then at most two
 * digits (a longer number is a reading or an order, never a count), or for copper wire a word saying none was used.
 * Numbers only by regex on the folded text.
 */
export function quantityPatterns(markers: Vocabulary['markers']): { role: 'quantity'; item: ConsumableItem; regex: RegExp; value?: (typed: string) => string }[] {
  const list = CONSUMABLE_ITEMS.map((item) => ({
    role: 'quantity' as const,
    item,
    regex: new RegExp(String.raw`(?:${alternatives(markers[item])})\s*(?:は|を|も|が|:|=|×|x|\*)?\s*(\d{1,2})(?![\d.,])\s*${COUNTER}?`, 'g'),
  }));
  const none = {
    role: 'quantity' as const,
    item: 'copperWire' as const,
    regex: new RegExp(String.raw`(?:${alternatives(markers.copperWire)})\s*(?:は|も)?\s*${NONE}`, 'g'),
    value: () => '0',
  };
  return [...list, none];
}

const FACT_OF: Partial<Record<ConsumableItem, ReplyFact>> = { valvePin: 'valvePinReplaced', seal: 'sealFitted' };

export interface ReadQuantities {
  quantities: ConsumableQuantities;
  /** Facts the quantities say (ピン2: a pin replaced; ピン0: none). */
  facts: ReplyFact[];
  denied: ReplyFact[];
}

/**
 * The quantities of a reply: each item once; the same item given twice with different numbers is not guessed
 * (quantity.conflicting). A pin or seal denied in words (ピンなし) without a number is 0.
 */
export function readQuantities(numbers: NumberToken[], deniedFacts: readonly ReplyFact[], ambiguities: AmbiguityCode[]): ReadQuantities {
  const quantities: ConsumableQuantities = {};
  const conflicting = new Set<ConsumableItem>();
  for (const token of numbers) {
    if (token.role !== 'quantity' || !token.item) continue;
    const n = Number(token.value);
    if (!Number.isInteger(n) || n > MAX_QUANTITY_PER_VISIT) continue;
    const known = quantities[token.item];
    if (known !== undefined && known !== n) conflicting.add(token.item);
    quantities[token.item] = n;
  }
  for (const item of conflicting) delete quantities[item];
  if (conflicting.size > 0) ambiguities.push('quantity.conflicting');
  const facts: ReplyFact[] = [];
  const denied: ReplyFact[] = [];
  for (const [item, fact] of Object.entries(FACT_OF) as [ConsumableItem, ReplyFact][]) {
    const n = quantities[item];
    if (n === undefined && deniedFacts.includes(fact)) quantities[item] = 0;
    else if (n !== undefined) (n > 0 ? facts : denied).push(fact);
  }
  return { quantities, facts, denied };
}
