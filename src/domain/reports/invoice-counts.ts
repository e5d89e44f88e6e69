import type { InvoiceCounts } from './invoice.ts';
import type { MonthlyFigures } from './monthly-aggregate.ts';

/**
 * What the invoice bills, read off the monthly aggregate (the same figures as the 月報, so the two never differ):
 * 開栓・閉栓・名変 from the month's totals, meter work from the meter totals over every diameter.
 */
export function invoiceCountsOf(figures: Pick<MonthlyFigures, 'totals' | 'meterTotals'>): InvoiceCounts {
  const { totals, meterTotals } = figures;
  return {
    open: totals.open,
    close: totals.close,
    transfer: totals.transfer,
    meterInstall: meterTotals.install,
    meterReplace: meterTotals.replace,
    meterRemove: meterTotals.remove,
  };
}
