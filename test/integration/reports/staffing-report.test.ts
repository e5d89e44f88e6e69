import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { PrismaReportStore } from '../../../src/adapters/db/report-store.ts';
import { PrismaStaffingReportSource } from '../../../src/adapters/db/report-staffing-store.ts';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { ReportPdfRenderer } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { buildStaffingDocuments, type BuildStaffingDocumentsDeps } from '../../../src/application/reports/build-staffing-documents.ts';
import { runCli } from '../../../src/cli/index.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { contractorSource } from '../../support/contractor.ts';
import { hasRow, pdfPageItems } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { addAdmin, givePasswords, operatorEnv } from '../../support/operator.ts';

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  // The operator of the report commands: a bureau admin, outside every team and roster of these reports.
  await addAdmin(t.db, 'a01', 'bureau');
  await givePasswords(t.db, ['a01']);
  await t.db.write(async (tx) => {
    const people = [
      { id: 'w01', name: '試験 一郎', phone: '090-0000-0001', canSupervise: true, idCardNumber: 'K-101' },
      { id: 'w02', name: '試験 二郎', phone: '090-0000-0002', idCardNumber: 'K-102' },
      { id: 'w03', name: '試験 三郎', phone: '090-0000-0003', idCardNumber: 'K-103' },
      { id: 'w04', name: '試験 四郎', phone: '090-0000-0004', active: false },
    ];
    for (const p of people) await tx.person.create({ data: { affiliation: 'contractor', ...p } });
    await tx.defaultStaffing.createMany({ data: [{ personId: 'w01', isSupervisor: true }, { personId: 'w02' }, { personId: 'w04' }] });
    await tx.dailyStaffing.createMany({
      data: [
        { date: '2026-03-27', personId: 'w02', isSupervisor: true },
        { date: '2026-03-27', personId: 'w03' },
        { date: '2026-03-27', personId: 'w01', onDuty: false },
      ],
    });
    await tx.afterHoursRosterEntry.createMany({
      data: [
        { validFrom: '2026-01-01', validTo: null, position: 1, personId: 'w01' },
        { validFrom: '2026-01-01', validTo: null, position: 2, personId: 'w02' },
        { validFrom: '2026-01-01', validTo: null, position: 3, personId: 'w03' },
      ],
    });
    await tx.afterHoursOverride.create({ data: { date: '2026-03-27', personId: 'w03', replacesPersonId: 'w01', note: '一郎の代わり' } });
  });
});
afterEach(async () => t.dispose());

function deps(): BuildStaffingDocumentsDeps {
  const calendar = new WorkCalendar(SPEC_CALENDAR);
  return {
    source: new PrismaStaffingReportSource(t.db),
    reports: new PrismaReportStore(t.db),
    renderer: new ReportPdfRenderer(new FontSubsetter()),
    clock: new VirtualClock('2026-03-26T23:00:00Z'),
    isWorkDay: (d) => calendar.isWorkDay(d),
    businessHours: { start: '09:00', end: '17:45' },
    contractor: contractorSource(),
  };
}

describe('staffing documents', () => {
  it('names the supervisor, the workers of the day and the after-hours roster with phone numbers', async () => {
    const result = await buildStaffingDocuments(deps(), { date: '2026-03-27' });
    const pages = await pdfPageItems(result.pdf);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('業務責任者選任届');
    expect(hasRow(pages, ['業務責任者', '試験 二郎', '090-0000-0002'])).toBe(true);
    expect(pages[0]!.join('')).toContain('令和8年3月27日（金）');
    expect(pages[1]).toContain('作業者配置表');
    expect(hasRow(pages, ['1', '試験 二郎', '○', 'K-102'])).toBe(true);
    expect(hasRow(pages, ['2', '試験 三郎', 'K-103'])).toBe(true);
    expect(pages[1]).not.toContain('試験 一郎'); // off duty today
    expect(pages[2]![0]).toBe('時間外作業者配置表 (連絡先一覧表)');
    expect(hasRow(pages, ['1', '試験 三郎', '090-0000-0003', '当日交代', '一郎の代わり'])).toBe(true);
    expect(hasRow(pages, ['2', '試験 二郎', '090-0000-0002'])).toBe(true);
    const stored = await t.db.read.report.findUniqueOrThrow({ where: { kind_period: { kind: 'staffing', period: '2026-03-27' } } });
    expect(JSON.parse(stored.content)).toMatchObject({ kind: 'staffing', source: 'explicit' });
  });

  it('uses the default staffing on a work day without rows, without inactive people', async () => {
    const result = await buildStaffingDocuments(deps(), { date: '2026-03-30' });
    expect(result.view.source).toBe('default');
    expect(result.view.workers.map((w) => w.name)).toEqual(['試験 一郎', '試験 二郎']);
    expect(result.view.afterHours.map((a) => a.name)).toEqual(['試験 一郎', '試験 二郎', '試験 三郎']);
  });

  it('says the office is closed on 1 January and still lists the night roster, from the CLI', async () => {
    const file = join(t.dir, 'staffing.pdf');
    const out: string[] = [];
    const code = await runCli(['report', 'staffing', '--date', '2026-01-01', '--out', file, '--plain'], {
      env: { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'a01', ...operatorEnv },
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect(code, out.join('')).toBe(0);
    const pages = await pdfPageItems(new Uint8Array(readFileSync(file)));
    expect(pages[0]).toContain('休業日のため配置はありません');
    expect(hasRow(pages, ['1', '試験 一郎', '090-0000-0001'])).toBe(true);
    expect(await runCli(['report', 'staffing', '--date', '2026-02-30', '--out', file, '--plain'], { env: { DATABASE_URL: t.url, KAIHEISEN_OPERATOR: 'a01', ...operatorEnv }, out: () => {}, err: () => {} })).toBe(1);
  });
});
