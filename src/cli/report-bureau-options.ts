import type { OperatorOptions } from './operator-options.ts';
import type { ProtectionOptions } from './protection-options.ts';

/** The options of `report annual | contact-chart | id-card-request` (report-bureau-commands.ts). */
export interface AnnualOptions extends OperatorOptions {
  fiscalYear?: string;
  from?: string;
  out: string;
  csv?: string;
}
export type ContactChartOptions = { date?: string; out: string } & OperatorOptions & ProtectionOptions;
export type IdCardRequestOptions = { workers?: string; out: string } & OperatorOptions & ProtectionOptions;
