import { z } from 'zod';
import { DEFAULT_TAX_RATE_PERCENT, type ContractorDetails } from '../../domain/reports/contractor.ts';
import { templateText } from '../../templates.ts';

/**
 * The staff file's `contractor:` section (受注者の情報): name, representative, address, contract number, unit prices,
 * tax rate. Set once; every document to the bureau reads it (stored on `staff load`). Messages: templates/contractor.ja.yaml.
 */
const msg = (key: string) => ({ error: () => templateText(`contractor.file.${key}`) });
const text = z.string().trim().min(1, msg('text')).max(100, msg('text'));
const yen = z.number().int(msg('yen')).min(0, msg('yen')).max(10_000_000, msg('yen'));

export const contractorSchema = z.strictObject({
  name: text,
  representative: z.strictObject({ title: text, name: text }),
  address: z.string().trim().min(1, msg('address')).max(200, msg('address')),
  phone: z.string().regex(/^0\d{1,4}(-?\d{1,4}){1,2}$/, msg('phone')).nullish(),
  contractNumber: text.nullish(),
  contractName: text.nullish(),
  unitPrices: z
    .strictObject({
      open: yen.optional(),
      close: yen.optional(),
      transfer: yen.optional(),
      meterInstall: yen.optional(),
      meterReplace: yen.optional(),
      meterRemove: yen.optional(),
    })
    .default({}),
  taxRatePercent: z.number().int(msg('taxRate')).min(0, msg('taxRate')).max(100, msg('taxRate')).default(DEFAULT_TAX_RATE_PERCENT),
});

export type ContractorSection = z.infer<typeof contractorSchema>;

/** The parsed section in the domain's terms (absent optional values become null, unset prices stay absent). */
export function toContractorDetails(c: ContractorSection): ContractorDetails {
  const unitPrices = Object.fromEntries(Object.entries(c.unitPrices).filter(([, v]) => v !== undefined)) as ContractorDetails['unitPrices'];
  return {
    name: c.name,
    representative: { title: c.representative.title, name: c.representative.name },
    address: c.address,
    phone: c.phone ?? null,
    contractNumber: c.contractNumber ?? null,
    contractName: c.contractName ?? null,
    unitPrices,
    taxRatePercent: c.taxRatePercent,
  };
}
