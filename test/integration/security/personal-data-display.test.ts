import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { PrismaReportStore } from '../../../src/adapters/db/report-store.ts';
import { PrismaStaffingReportSource } from '../../../src/adapters/db/report-staffing-store.ts';
import { ReportPdfRenderer } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { buildStaffingDocuments } from '../../../src/application/reports/build-staffing-documents.ts';
import { contractorSource } from '../../support/contractor.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

describe('display of personal data is audited', () => {
  it('staffing documents (names, phones, ID card numbers) write personalData.displayed with the report', async () => {
    temp = await encryptedTempDatabase();
    await temp.db.write(async (tx) => {
      await tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '試験 一郎', phone: '090-0000-0001', canSupervise: true, idCardNumber: 'K-1' } });
      await tx.person.create({ data: { id: 'w02', affiliation: 'contractor', name: '試験 二郎', phone: '090-0000-0002', idCardNumber: 'K-2' } });
      await tx.dailyStaffing.createMany({ data: [{ date: '2026-03-27', personId: 'w01', isSupervisor: true }, { date: '2026-03-27', personId: 'w02' }] });
      await tx.afterHoursRosterEntry.create({ data: { validFrom: '2026-01-01', position: 1, personId: 'w02' } });
    });
    const result = await buildStaffingDocuments(
      {
        source: new PrismaStaffingReportSource(temp.db),
        reports: new PrismaReportStore(temp.db),
        renderer: new ReportPdfRenderer(),
        clock: new VirtualClock('2026-03-26T23:00:00Z'),
        isWorkDay: () => true,
        businessHours: { start: '09:00', end: '17:45' },
        contractor: contractorSource(null),
      },
      { date: '2026-03-27', actorId: 's01', channel: 'cli' },
    );
    const rows = await temp.db.read.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(['report.generated', 'personalData.displayed']);
    expect(rows[1]).toMatchObject({ actorId: 's01', channel: 'cli', entity: 'Person', entityId: `Report:${result.reportId}` });
    expect(JSON.parse(rows[1]!.after!)).toEqual({ fields: ['name', 'phone', 'idCardNumber'], count: 2 });
    expect(rows[1]!.after).not.toContain('090-0000');
  });
});
