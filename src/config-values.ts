import { z } from 'zod';

/**
 * Checks of environment values shared by src/config.ts and the platform modules' settings (src/adapters/<id>/
 * <id>-settings.ts), which config.ts composes into its one schema.
 */

/** An optional text: blank or only spaces counts as not given. */
export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));
