import { createSupplyStore } from '../../adapters/db/supply-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { ConsumablesReportDeps } from '../../application/reports/consumables-report.ts';
import type { AppContext } from '../context.ts';
import { contractorSourceOf } from './reports.ts';

/** What `report consumables` and the monthly sending build the 材料受払簿 with. */
export function consumablesReportDepsOf(ctx: AppContext): ConsumablesReportDeps {
  return {
    supplies: createSupplyStore(ctx.db),
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    contractor: contractorSourceOf(ctx),
  };
}
