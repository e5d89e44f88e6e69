import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import type { Database } from '../../src/adapters/db/database.ts';
import { PrismaReportStore } from '../../src/adapters/db/report-store.ts';
import { FontSubsetter } from '../../src/adapters/pdf/fonts.ts';
import { ReportPdfRenderer } from '../../src/adapters/pdf/pdf-renderer.ts';
import type { BuildMonthlyReportDeps } from '../../src/application/reports/build-monthly-report.ts';
import type { ContractorDetails } from '../../src/domain/reports/contractor.ts';
import { contractorSource } from './contractor.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../../src/domain/calendar/work-calendar.ts';

/** The monthly report use case wired to a test database, the spec calendar and a fixed clock. */
export function monthlyReportDeps(db: Database, now = '2026-04-01T00:30:00Z', contractor: ContractorDetails | null = null): BuildMonthlyReportDeps {
  const store = new PrismaReportStore(db);
  const calendar = new WorkCalendar(SPEC_CALENDAR);
  return {
    source: store,
    reports: store,
    renderer: new ReportPdfRenderer(new FontSubsetter()),
    clock: new VirtualClock(now),
    isBusinessTime: (at) => calendar.isBusinessTime(at),
    isWorkDay: (date) => calendar.isWorkDay(date),
    contractor: contractorSource(contractor),
  };
}

/** CSV text to rows (the report's CSV quotes only free text; enough for the tests). */
export function csvRows(csv: string): string[][] {
  return csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .map((line) => (line === '' ? [] : line.split(',')));
}
