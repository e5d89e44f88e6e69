import { z } from 'zod';
import { templateText } from '../../templates.ts';

/**
 * `workPlaces:` of the staff file (security annex art. 4, 作業場所・保管場所): where the contract's information assets
 * are handled or stored. Optional; absent means none is set, and `report work-places` says which key to set.
 */
const field = z.string().trim().min(1, { error: () => templateText('annex.workPlaces.fieldRequired') }).max(200);

export const workPlacesSchema = z
  .array(z.strictObject({ name: field, address: field, purpose: field, storage: z.boolean().default(false) }))
  .default([]);
