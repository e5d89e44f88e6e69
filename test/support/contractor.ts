import type { ContractorSource } from '../../src/application/reports/ports.ts';
import type { ContractorDetails } from '../../src/domain/reports/contractor.ts';

/** Fictitious contractor details, as the staff file's `contractor:` section would give them. */
export const TEST_CONTRACTOR: ContractorDetails = {
  name: '株式会社 試験水道サービス',
  representative: { title: '代表取締役', name: '架空 一郎' },
  address: '石川県金沢市試験町1-2-3',
  phone: '076-000-0000',
  contractNumber: '試験第0001号',
  contractName: null,
  unitPrices: { open: 1200, close: 1100, transfer: 800, meterInstall: 2500, meterReplace: 3000, meterRemove: 2000 },
  taxRatePercent: 10,
};

/** A ContractorSource returning the given details (null: the staff file has no `contractor:` section). */
export function contractorSource(details: ContractorDetails | null = TEST_CONTRACTOR): ContractorSource {
  return { contractor: async () => details };
}
