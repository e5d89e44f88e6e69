import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { createAnnexStore } from '../../src/adapters/db/annex-store.ts';
import { createIncidentStore } from '../../src/adapters/db/incident-store.ts';
import { createSupplyStore } from '../../src/adapters/db/supply-store.ts';
import { buildSecurityOfficers } from '../../src/application/annex/build-annex-documents.ts';
import { buildAnnualReport } from '../../src/application/reports/build-annual-report.ts';
import { buildConsumablesReport } from '../../src/application/reports/consumables-report.ts';
import type { PdfRenderer } from '../../src/application/reports/ports.ts';
import type { ReportDocument } from '../../src/domain/reports/report-document.ts';
import { contractorSource, TEST_CONTRACTOR } from './contractor.ts';
import { seedTeam } from './day-end-world.ts';
import { monthlyReportDeps } from './monthly-report-deps.ts';
import { seedMonth } from './table1-year.ts';
import type { TempDatabase } from './temp-db.ts';

const NOW = '2026-04-01T00:30:00Z';

/**
 * The renderer port of a builder, keeping the document it is given: the rendering checks render it themselves.
 * `build` runs the command's own builder (same queries, same header) and returns what it laid out.
 */
async function documentOf(build: (renderer: PdfRenderer) => Promise<unknown>): Promise<ReportDocument> {
  let kept: ReportDocument | undefined;
  await build({ render: async (doc) => ((kept = doc), { bytes: new Uint8Array(), pageCount: 0 }) });
  if (!kept) throw new Error('the builder rendered no document');
  return kept;
}

/** 別表1 of fiscal 2025 (`report annual --fiscal-year 2025`), March with counts. */
export async function annualDocument(temp: TempDatabase): Promise<ReportDocument> {
  await seedMonth(temp.db, '2026-03', { open: 40, close: 35, transfer: 20, other: 3, notDone: 4 });
  return documentOf((renderer) => buildAnnualReport({ ...monthlyReportDeps(temp.db, NOW, TEST_CONTRACTOR), renderer }, { fiscalYear: '2025' }));
}

/** 材料受払簿 of March (`report consumables --month 2026-03`). */
export async function consumablesDocument(temp: TempDatabase): Promise<ReportDocument> {
  const deps = { supplies: createSupplyStore(temp.db), clock: new VirtualClock(NOW), contractor: contractorSource(TEST_CONTRACTOR) };
  return documentOf((renderer) => buildConsumablesReport({ ...deps, renderer }, '2026-03'));
}

/** 管理責任者及び従事者選任届 and the responsibility chart (`report security-officers`) of a small team. */
export async function securityOfficersDocument(temp: TempDatabase): Promise<ReportDocument> {
  await seedTeam(temp.db);
  const deps = { source: createAnnexStore(temp.db), incidents: createIncidentStore(temp.db), clock: new VirtualClock(NOW), contractor: contractorSource(TEST_CONTRACTOR) };
  return documentOf((renderer) => buildSecurityOfficers({ ...deps, renderer }));
}
