import type { AppContext } from '../context.ts';
import { PrismaReportStore } from '../../adapters/db/report-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { BuildContactChartDeps } from '../../application/reports/build-contact-chart.ts';
import { contractorSourceOf } from './reports.ts';
import { staffDepsOf } from './staff.ts';
import { createTrainingStore } from '../../adapters/db/training-store.ts';
import type { BuildIdCardRequestDeps } from '../../application/reports/build-id-card-request.ts';
import { createPhotoStore } from '../../adapters/db/person-photo-store.ts';

/** What `report contact-chart` builds the 連絡系統図 with. */
export function contactChartDepsOf(ctx: AppContext): BuildContactChartDeps {
  const { staff, calendar } = staffDepsOf(ctx);
  return { staff, calendar, reports: new PrismaReportStore(ctx.db), renderer: new ReportPdfRenderer(), clock: ctx.clock, contractor: contractorSourceOf(ctx) };
}

/** The ID card request's photos (`staff load` stores them, `report id-card-request` reads them). */
export function photoDepsOf(ctx: AppContext) {
  return { photos: createPhotoStore(ctx.db), clock: ctx.clock };
}

/** What `report id-card-request` builds the 身分証明書発行依頼書 with. */
export function idCardRequestDepsOf(ctx: AppContext): BuildIdCardRequestDeps {
  return {
    staff: staffDepsOf(ctx).staff,
    trainings: createTrainingStore(ctx.db),
    photos: createPhotoStore(ctx.db),
    reports: new PrismaReportStore(ctx.db),
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    contractor: contractorSourceOf(ctx),
  };
}
