import type { OperatorOptions } from './operator-options.ts';
import type { ForceOption, ProtectionOptions } from './protection-options.ts';

/** The options of `report annual | contact-chart | id-card-request` (report-bureau-commands.ts). */
export interface AnnualOptions extends OperatorOptions, ForceOption {
  fiscalYear?: string;
  from?: string;
  out: string;
  csv?: string;
}
export type ContactChartOptions = { date?: string; out: string } & OperatorOptions & ProtectionOptions & ForceOption;
export type IdCardRequestOptions = { workers?: string; out: string } & OperatorOptions & ProtectionOptions & ForceOption;
