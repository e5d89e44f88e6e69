import { z } from 'zod';
import type { LowStockSetting } from '../../domain/consumables/stock.ts';
import { METER_DIAMETERS_MM } from '../../domain/work-order/task-kind.ts';
import { templateText } from '../../templates.ts';

/**
 * The staff file's `supplies:` section: `lowStock` thresholds of the consumables and meters by bore (在庫注意).
 * Optional; a key left out keeps its default, 0 = no warning for the item. Messages: templates/supplies-settings.ja.yaml.
 */
const msg = (key: string) => ({ error: () => templateText(`suppliesSettings.file.${key}`) });
const count = z.number(msg('count')).int(msg('count')).min(0, msg('count')).max(100_000, msg('count'));
const isBore = (key: string) => (METER_DIAMETERS_MM as readonly number[]).some((mm) => String(mm) === key);
// Checked after the record (a key's own check would give zod's generic message), one issue per bore not made.
const meters = z.record(z.string(), count).superRefine((m, ctx) => {
  for (const key of Object.keys(m)) if (!isBore(key)) ctx.addIssue({ code: 'custom', path: [key], message: templateText('suppliesSettings.file.diameter') });
});

export const suppliesSchema = z.strictObject({
  lowStock: z
    .strictObject({
      valvePin: count.optional(),
      copperWire: count.optional(),
      seal: count.optional(),
      meters: meters.default({}),
    })
    .default({ meters: {} }),
});

export type SuppliesSection = z.infer<typeof suppliesSchema>;

/** The parsed section in the domain's terms (keys left out stay absent: they keep their defaults). */
export function toLowStockSetting(s: SuppliesSection): LowStockSetting {
  const { meters, ...consumables } = s.lowStock;
  return {
    consumables: Object.fromEntries(Object.entries(consumables).filter(([, v]) => v !== undefined)),
    meters: Object.fromEntries(Object.entries(meters).map(([mm, v]) => [Number(mm), v])),
  };
}
