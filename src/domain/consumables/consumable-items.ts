import type { ResultDraft } from '../results/result-draft.ts';

/** The consumables the bureau supplies (spec table 2: 休止用ピン, 銅線, 封印玉), in the order every report lists them. */
export const CONSUMABLE_ITEMS = ['valvePin', 'copperWire', 'seal'] as const;
export type ConsumableItem = (typeof CONSUMABLE_ITEMS)[number];

/** The draft field holding each item's quantity as the worker gave it (null = not given). */
export const COUNT_FIELDS = {
  valvePin: 'valvePinCount',
  copperWire: 'copperWireCount',
  seal: 'sealCount',
} as const satisfies Record<ConsumableItem, keyof ResultDraft>;

export type ConsumableQuantities = Partial<Record<ConsumableItem, number>>;

/** At most this many of one item on one visit: a larger number is a typo (a reading, an order number), not a quantity. */
export const MAX_QUANTITY_PER_VISIT = 99;

export const isConsumableItem = (value: unknown): value is ConsumableItem =>
  typeof value === 'string' && (CONSUMABLE_ITEMS as readonly string[]).includes(value);

/**
 * What a result used of each item: the quantity given, else what the flags say (pin replaced → 1 pin, seal fitted →
 * 1 seal; copper wire has no flag → 0). Items used 0 times are left out.
 */
export function consumablesUsed(draft: ResultDraft): { item: ConsumableItem; quantity: number }[] {
  const fallback: Record<ConsumableItem, number> = {
    valvePin: draft.valvePinReplaced ? 1 : 0,
    copperWire: 0,
    seal: draft.sealFitted ? 1 : 0,
  };
  return CONSUMABLE_ITEMS.map((item) => ({ item, quantity: draft[COUNT_FIELDS[item]] ?? fallback[item] })).filter((u) => u.quantity > 0);
}

/**
 * The draft fields a reply or form's quantities set: each count, and the pin / seal flag that goes with it (ピン2 is a
 * pin replaced; ピン0 is none).
 */
export function quantitiesPatch(quantities: ConsumableQuantities): Partial<ResultDraft> {
  const patch: Partial<ResultDraft> = {};
  for (const item of CONSUMABLE_ITEMS) {
    const n = quantities[item];
    if (n === undefined) continue;
    patch[COUNT_FIELDS[item]] = n;
    if (item === 'valvePin') patch.valvePinReplaced = n > 0;
    if (item === 'seal') patch.sealFitted = n > 0;
  }
  return patch;
}
