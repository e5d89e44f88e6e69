import type { ContractorDetails, UnitPriceKind } from '../../domain/reports/contractor.ts';

/** The ContractorDetails row's columns (one row, id 1) and back. */
interface ContractorRow {
  name: string;
  representativeTitle: string;
  representativeName: string;
  address: string;
  phone: string | null;
  contractNumber: string | null;
  contractName: string | null;
  priceOpen: number | null;
  priceClose: number | null;
  priceTransfer: number | null;
  priceMeterInstall: number | null;
  priceMeterReplace: number | null;
  priceMeterRemove: number | null;
  taxRatePercent: number;
}

const PRICE_COLUMNS = {
  open: 'priceOpen',
  close: 'priceClose',
  transfer: 'priceTransfer',
  meterInstall: 'priceMeterInstall',
  meterReplace: 'priceMeterReplace',
  meterRemove: 'priceMeterRemove',
} as const satisfies Record<UnitPriceKind, keyof ContractorRow>;

export function contractorColumns(d: ContractorDetails): ContractorRow {
  const prices = Object.fromEntries(Object.entries(PRICE_COLUMNS).map(([kind, column]) => [column, d.unitPrices[kind as UnitPriceKind] ?? null]));
  return {
    name: d.name,
    representativeTitle: d.representative.title,
    representativeName: d.representative.name,
    address: d.address,
    phone: d.phone,
    contractNumber: d.contractNumber,
    contractName: d.contractName,
    ...(prices as Pick<ContractorRow, (typeof PRICE_COLUMNS)[UnitPriceKind]>),
    taxRatePercent: d.taxRatePercent,
  };
}

export function toContractor(row: ContractorRow): ContractorDetails {
  const unitPrices: ContractorDetails['unitPrices'] = {};
  for (const [kind, column] of Object.entries(PRICE_COLUMNS)) {
    const price = row[column];
    if (price !== null) unitPrices[kind as UnitPriceKind] = price;
  }
  return {
    name: row.name,
    representative: { title: row.representativeTitle, name: row.representativeName },
    address: row.address,
    phone: row.phone,
    contractNumber: row.contractNumber,
    contractName: row.contractName,
    unitPrices,
    taxRatePercent: row.taxRatePercent,
  };
}
