import { UNIT_PRICE_KINDS, type ContractorDetails } from '../../domain/reports/contractor.ts';
import { formatCount } from '../../application/reports/report-header.ts';
import { t, templateText } from '../../templates.ts';

/** `staff list`'s lines about the contractor's own details (the staff file's `contractor:` section). */
export function contractorLines(c: ContractorDetails | null): string[] {
  if (!c) return [t('contractor.list.notSet')];
  const prices = UNIT_PRICE_KINDS.filter((k) => c.unitPrices[k] !== undefined).map((k) =>
    t('contractor.list.price', { kind: templateText(`invoice.item.${k}`), yen: formatCount(c.unitPrices[k]!) }),
  );
  return [
    t('contractor.list.heading', { name: c.name, representative: `${c.representative.title} ${c.representative.name}`, address: c.address }),
    t('contractor.list.contract', {
      contractNumber: c.contractNumber ?? t('contractor.missing.contractNumber'),
      contractName: c.contractName ?? t('reports.header.contractName'),
      taxRate: c.taxRatePercent,
    }),
    prices.length > 0 ? t('contractor.list.prices', { prices: prices.join('、') }) : t('contractor.list.noPrices'),
  ];
}
