/**
 * The contractor's own details (受注者): the `contractor:` section of the staff file, stored on `staff load`.
 * Every document's header, the 代表者 / 印 line and the invoice's unit prices come from here.
 */
export const UNIT_PRICE_KINDS = ['open', 'close', 'transfer', 'meterInstall', 'meterReplace', 'meterRemove'] as const;
export type UnitPriceKind = (typeof UNIT_PRICE_KINDS)[number];

/** 消費税 when the staff file names no rate. */
export const DEFAULT_TAX_RATE_PERCENT = 10;

export interface ContractorDetails {
  name: string; // 受注者名
  representative: { title: string; name: string }; // 代表者 (e.g. 代表取締役 架空 一郎)
  address: string; // 所在地
  phone: string | null;
  contractNumber: string | null; // 契約番号
  /** 契約名 when it differs from the template's default. */
  contractName: string | null;
  /** Yen per piece of work; a kind without a price is absent. */
  unitPrices: Partial<Record<UnitPriceKind, number>>;
  taxRatePercent: number;
}

/** The staff-file key of a contractor detail, as a document names it when the detail is missing. */
export const CONTRACTOR_KEYS = {
  name: 'contractor.name',
  representative: 'contractor.representative',
  address: 'contractor.address',
  contractNumber: 'contractor.contractNumber',
  unitPrice: (kind: UnitPriceKind) => `contractor.unitPrices.${kind}`,
} as const;
