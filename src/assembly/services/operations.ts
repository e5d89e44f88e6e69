import type { AppContext } from '../context.ts';
import { createAuditTrail } from '../../adapters/db/audit-store.ts';
import { createDeliveryAdmin } from '../../adapters/db/delivery-admin-store.ts';
import { createHandoverSource } from '../../adapters/db/handover-store.ts';
import { createParkedEvents } from '../../adapters/db/parked-events-store.ts';
import { createRetentionStore } from '../../adapters/db/retention-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { HandoverDeps, HandoverOutput } from '../../application/handover/ports.ts';
import type { DisposalFiles, PurgeDeps } from '../../application/retention/ports.ts';

export type { ParkedEventRow } from '../../adapters/db/parked-events-store.ts';

/** What operators look at and act on from the command line (`kaiheisen audit | deliveries | events | export | purge`). */
export const auditTrailOf = (ctx: AppContext) => createAuditTrail(ctx.db);

/** The outbox: backlog, list, retry (`kaiheisen deliveries`, `status`). */
export const deliveryAdminOf = (ctx: AppContext) => createDeliveryAdmin(ctx.db);

/** Inbound events given up after their attempts (`kaiheisen events`, `status`). */
export const parkedEventsOf = (ctx: AppContext) => createParkedEvents(ctx.db);

/** 引継ぎ (spec 14): every table the next contractor needs, written to `output`. */
export function handoverDepsOf(ctx: AppContext, output: HandoverOutput): HandoverDeps {
  return { source: createHandoverSource(ctx.db), output, trail: createAuditTrail(ctx.db), clock: ctx.clock, logger: ctx.logger };
}

/** Retention and disposal (annex art. 12): the records to erase and the disposal record written to `files`. */
export function retentionDepsOf(ctx: AppContext, files: DisposalFiles): PurgeDeps {
  return { store: createRetentionStore(ctx.db), files, renderer: new ReportPdfRenderer(), clock: ctx.clock, logger: ctx.logger };
}
