import {
  CONSUMABLE_ITEMS,
  COUNT_FIELDS,
  consumablesUsed,
  MAX_QUANTITY_PER_VISIT,
  quantitiesPatch,
  type ConsumableItem,
  type ConsumableQuantities,
} from '../../domain/consumables/consumable-items.ts';
import { isAnswered, type ResultDraft } from '../../domain/results/result-draft.ts';
import { t, templateText } from '../../templates.ts';
import type { FormField } from '../chat/view.ts';

/** A submitted form's values by field id (result-form.ts FormValues). */
type FormValues = Record<string, string | string[] | undefined>;

/** "休止用ピン 2本". */
export function quantityText(item: ConsumableItem, quantity: number): string {
  return t('consumables.quantity', { item: t(`consumables.item.${item}`), quantity, unit: t(`consumables.unit.${item}`) });
}

/** The result form's quantity fields (number, optional): empty means "as the pin / seal ticks say". */
export function consumableFields(prefill: FormValues | undefined): FormField[] {
  return CONSUMABLE_ITEMS.map((item) => {
    const id = COUNT_FIELDS[item];
    const initial = typeof prefill?.[id] === 'string' ? (prefill[id] as string) : undefined;
    return { id, label: templateText(`consumables.form.${id}.label`), type: 'number', required: false, hint: t(`consumables.form.${id}.hint`), ...(initial ? { initial } : {}) };
  });
}

/** The quantities of a submitted form; a field that is no whole number 0–99 gets an error under it. */
export function readConsumableFields(values: FormValues, errors: Record<string, string>): Partial<ResultDraft> {
  const quantities: ConsumableQuantities = {};
  for (const item of CONSUMABLE_ITEMS) {
    const id = COUNT_FIELDS[item];
    const raw = values[id];
    const text = (Array.isArray(raw) ? raw.join('') : (raw ?? '')).normalize('NFKC').trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) > MAX_QUANTITY_PER_VISIT) errors[id] = t('consumables.form.invalid', { max: MAX_QUANTITY_PER_VISIT });
    else quantities[item] = Number(text);
  }
  return quantitiesPatch(quantities);
}

/** A recorded result's quantities as form values (the reverse of readConsumableFields). */
export function consumableValues(draft: ResultDraft): FormValues {
  const values: FormValues = {};
  for (const item of CONSUMABLE_ITEMS) {
    const n = draft[COUNT_FIELDS[item]];
    if (isAnswered(n)) values[COUNT_FIELDS[item]] = String(n);
  }
  return values;
}

/**
 * The echo's and the receipt's line of materials: every item that will be counted, defaults included (ピン交換 alone →
 * 休止用ピン 1本), and every quantity given even when 0 (銅線なし → 銅線 0本), so the worker sees and can correct the
 * numbers that will be recorded.
 */
export function consumableLines(draft: ResultDraft): string[] {
  const used = new Map(consumablesUsed(draft).map((u) => [u.item, u.quantity]));
  const shown = CONSUMABLE_ITEMS.filter((item) => used.has(item) || isAnswered(draft[COUNT_FIELDS[item]]));
  if (shown.length === 0) return [];
  const parts = shown.map((item) => quantityText(item, used.get(item) ?? 0));
  return [t('consumables.echoLine', { value: parts.join(t('consumables.separator')) })];
}
