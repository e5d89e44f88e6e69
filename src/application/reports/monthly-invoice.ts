import type { ChatGateway } from '../chat/delivery.ts';
import type { Logger } from '../ports.ts';
import { t } from '../../templates.ts';
import { buildInvoice, type BuildInvoiceDeps, type InvoiceResult } from './build-invoice.ts';
import type { MonthlyExtra } from './send-monthly-report.ts';
import type { OutgoingFile } from './report-delivery.ts';

export interface MonthlyInvoiceDeps {
  build: BuildInvoiceDeps;
  gateway: Pick<ChatGateway, 'send'>;
  /** The active administrators: told with the supervisors when the invoice cannot be made. */
  admins: () => Promise<string[]>;
  logger: Logger;
}

/**
 * The 請求書 as a document of the monthly job: made from the figures the 月報 was just built from and sent with it.
 * Without the unit prices (or the contractor's details) the 月報 still goes out and the supervisors and admins are
 * told which staff-file keys to set.
 */
export function invoiceWithMonthlyReport(deps: MonthlyInvoiceDeps): MonthlyExtra {
  return async (report, { month, supervisors }) => {
    const outcome = await buildInvoice(deps.build, { figures: report.view.figures, actorId: null, channel: 'system' });
    if (outcome.ok) return [invoiceFile(outcome.invoice, month)];
    const text = t('invoice.posted.missing', { period: report.view.periodLabel, month, keys: outcome.missingKeys.join(', ') });
    const recipients = [...new Set([...supervisors, ...(await deps.admins())])];
    for (const personId of recipients) await deps.gateway.send({ personId }, { key: `invoice-missing:${month}`, summary: text, blocks: [{ type: 'text', text }] });
    deps.logger.warn('invoice not made: contractor details missing', { month, keys: outcome.missingKeys.join(','), told: recipients.length });
    return [];
  };
}

function invoiceFile(invoice: InvoiceResult, month: string): OutgoingFile {
  const period = invoice.view.periodLabel;
  return {
    bytes: invoice.pdf,
    filename: `invoice-${month}.pdf`,
    title: t('invoice.posted.pdfTitle', { period }),
    savedNote: (path) => t('invoice.posted.pdfSaved', { period, path }),
    commandNote: t('invoice.posted.command', { period, month }),
  };
}
