import { MAX_QUANTITY_PER_VISIT, type ConsumableItem, type ConsumableQuantities } from '../../domain/consumables/consumable-items.ts';
import type { AmbiguityCode, ReplyFact } from '../../domain/replies/parsed-reply.ts';
import type { NumberToken } from './reply-numbers.ts';

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
