import type { MaskLabels } from '../../domain/privacy/personal-text.ts';
import { t } from '../../templates.ts';

/** The wording that replaces personal data in free text (templates/security.ja.yaml, privacy.mask.*). */
export function maskLabels(): MaskLabels {
  return { phone: t('privacy.mask.phone'), customerNumber: t('privacy.mask.customerNumber'), customerName: t('privacy.mask.customerName') };
}
