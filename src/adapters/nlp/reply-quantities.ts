import { CONSUMABLE_ITEMS, type ConsumableItem } from '../../domain/consumables/consumable-items.ts';
import { alternatives } from './reply-alternatives.ts';
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
