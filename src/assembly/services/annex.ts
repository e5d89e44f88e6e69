import { createAnnexStore } from '../../adapters/db/annex-store.ts';
import { createIncidentStore } from '../../adapters/db/incident-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { AnnexDeps } from '../../application/annex/ports.ts';
import type { AppContext } from '../context.ts';
import { contractorSourceOf } from './reports.ts';

/** What the security annex's documents (`report security-officers|work-places|system-users|privacy-incident`) read. */
export function annexDepsOf(ctx: AppContext): AnnexDeps {
  return {
    source: createAnnexStore(ctx.db),
    incidents: createIncidentStore(ctx.db),
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    contractor: contractorSourceOf(ctx),
  };
}
